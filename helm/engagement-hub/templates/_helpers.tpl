{{- define "engagement-hub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "engagement-hub.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "engagement-hub.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "engagement-hub.selectorLabels" -}}
app.kubernetes.io/name: {{ include "engagement-hub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The server's pods; the component keeps the migration Job's pod out of the Service. */}}
{{- define "engagement-hub.serverSelectorLabels" -}}
{{ include "engagement-hub.selectorLabels" . }}
app.kubernetes.io/component: server
{{- end }}

{{/* The migration Job's pod. */}}
{{- define "engagement-hub.migrationSelectorLabels" -}}
{{ include "engagement-hub.selectorLabels" . }}
app.kubernetes.io/component: migration
{{- end }}

{{/* The mail worker's pods. */}}
{{- define "engagement-hub.mailSelectorLabels" -}}
{{ include "engagement-hub.selectorLabels" . }}
app.kubernetes.io/component: mail
{{- end }}

{{- define "engagement-hub.labels" -}}
helm.sh/chart: {{ include "engagement-hub.chart" . }}
{{ include "engagement-hub.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Every object belongs to one component: the server (Deployment, Service, Ingress, autoscaler,
disruption budget), the migration (the Job and the ConfigMaps it applies) or the mail worker
(its Deployment), so that each can be listed or deleted with a label selector.
*/}}
{{- define "engagement-hub.serverLabels" -}}
{{ include "engagement-hub.labels" . }}
app.kubernetes.io/component: server
{{- end }}

{{- define "engagement-hub.migrationLabels" -}}
{{ include "engagement-hub.labels" . }}
app.kubernetes.io/component: migration
{{- end }}

{{- define "engagement-hub.mailLabels" -}}
{{ include "engagement-hub.labels" . }}
app.kubernetes.io/component: mail
{{- end }}

{{- define "engagement-hub.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "engagement-hub.secretName" -}}
{{- default (include "engagement-hub.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{- define "engagement-hub.migrationJob" -}}
{{- printf "%s-migrate" (include "engagement-hub.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "engagement-hub.tenantsConfigMap" -}}
{{- default (printf "%s-tenants" (include "engagement-hub.fullname" .)) .Values.tenants.existingConfigMap }}
{{- end }}

{{- define "engagement-hub.policiesConfigMap" -}}
{{- default (printf "%s-policies" (include "engagement-hub.fullname" .)) .Values.policies.existingConfigMap }}
{{- end }}

{{/*
The settings every `hub` process needs: the server's and the migration Job's.
Called with (dict "root" $ "databaseUrlKey" KEY).
*/}}
{{- define "engagement-hub.env" -}}
{{- $root := .root }}
{{- $secret := include "engagement-hub.secretName" $root }}
- name: HUB_ENVIRONMENT
  value: {{ $root.Values.environment | quote }}
- name: HUB_FEDERATION_NAME
  value: {{ $root.Values.federation.name | quote }}
- name: HUB_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .databaseUrlKey }}
- name: HUB_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $root.Values.secrets.secretKeyKey }}
- name: HUB_MASTER_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $root.Values.secrets.masterKeyKey }}
{{- with $root.Values.oidc }}
{{- if .issuer }}
- name: HUB_OIDC_ISSUER
  value: {{ .issuer | quote }}
- name: HUB_OIDC_AUDIENCE
  value: {{ .audience | quote }}
- name: HUB_OIDC_JWKS_URL
  value: {{ .jwksUrl | quote }}
- name: HUB_OIDC_EMAIL_CLAIM
  value: {{ .emailClaim | quote }}
{{- end }}
{{- end }}
{{- with $root.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The container's securityContext, the same for the server and the migration Job. */}}
{{- define "engagement-hub.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
{{- end }}
