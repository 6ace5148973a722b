"""What upskilling tells the apps above it, which it may not import.

`enrolment_completed` is sent by `services.complete` inside its transaction, once the
completion and the CV's gains are written: a receiver's writes commit or roll back with
the completion (the job guarantees propose the participant to the company's job orders).
Arguments: `enrolment` and `actor` (the job consultant who recorded it).
"""

from django.dispatch import Signal

enrolment_completed = Signal()
