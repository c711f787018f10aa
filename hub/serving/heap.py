"""What a process builds to serve is kept out of the cyclic garbage collector's way.

A full collection walks every object the collector tracks. After start-up that is some
150,000 (the schema, the policy snapshot, modules, the ORM), and requests allocate enough
for one full collection every fifty or so: about 80 ms each time, 1.6 ms per request on
average, and a pause that some unlucky request waits for. ``gc.freeze()`` moves every object
that exists to a generation the collector leaves alone; they are still freed as usual when
nothing refers to them, but garbage in reference cycles among them is never collected. So
whatever replaces a frozen structure built with cycles (a new policy snapshot) freezes again
once the old one is collected (``refreeze``).
"""

from __future__ import annotations

import gc


def freeze() -> None:
    """Collect what start-up left behind, then keep what remains out of collections."""
    gc.collect()
    gc.freeze()


def refreeze() -> None:
    """After a frozen structure was replaced: collect it and freeze again; nothing when
    nothing is frozen (the process does not freeze, or has not yet)."""
    if gc.get_freeze_count():
        gc.unfreeze()
        freeze()


def unfreeze() -> None:
    gc.unfreeze()
