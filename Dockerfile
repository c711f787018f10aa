# The hub as a container image: `hub` is the entrypoint, `serve` the default command.
#   docker build -t network-engagement-hub .
#   docker run --rm network-engagement-hub --help
ARG PYTHON_VERSION=3.11

FROM python:${PYTHON_VERSION}-slim AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md requirements.lock ./
COPY hub ./hub
# The dependencies as the lock pins them, hashes checked; then the hub as a wheel rather
# than an editable install, so that the runtime stage gets no source tree.
RUN python -m venv /opt/hub \
    && /opt/hub/bin/pip install --require-hashes -r requirements.lock \
    && /opt/hub/bin/pip wheel --no-deps --wheel-dir /wheels . \
    && /opt/hub/bin/pip install --no-deps /wheels/*.whl

FROM python:${PYTHON_VERSION}-slim AS runtime
# A passwd entry gives the audit log a name for changes made with `hub` in the container.
RUN groupadd --system --gid 10001 hub \
    && useradd --system --uid 10001 --gid hub --no-create-home --home-dir /nonexistent hub
COPY --from=builder /opt/hub /opt/hub
COPY tenants /app/tenants
COPY policies /app/policies
# The root filesystem may be read-only: no bytecode is written at run time (pip compiled it
# in the builder) and anything that wants a home directory gets /tmp.
ENV PATH=/opt/hub/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    HUB_ENVIRONMENT=production \
    HUB_HOST=0.0.0.0 \
    HUB_PORT=8000 \
    HUB_POLICY_MODEL=/app/policies/model.conf
WORKDIR /app
# Numeric, so that Kubernetes' runAsNonRoot can tell that it is not root.
USER 10001:10001
EXPOSE 8000
ENTRYPOINT ["hub"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
