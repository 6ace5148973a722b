"""What the job-order services tell apps above them (which this app may not import).

`job_order_created(sender=JobOrder, job_order=…)` is sent once a new job order and its
requirements are written, inside the creating transaction: a receiver's writes (a mail
queued) roll back with it.
"""

from django.dispatch import Signal

job_order_created = Signal()
