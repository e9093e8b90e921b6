"""What privacy announces to the layers above it, which it may not import: sent inside
the transaction of the change, so a receiver's writes commit or roll back with it.

`notifications` listens (connected in its AppConfig.ready) and tells the people concerned.
"""

from __future__ import annotations

from django.dispatch import Signal

# A break-the-glass access was opened; kwargs: access (BreakGlassAccess), user.
break_glass_opened = Signal()
# A partner organisation started or stopped taking part in a case; kwargs: case,
# organisation, user (who did it), added (True for added, False for removed).
participation_changed = Signal()
