"""The email outbox: every email the platform sends is first a row here.

An app of its own (label `outbox`) that knows no domain app. Apps write emails
with `zen.outbox.services` (`emails_enqueue`, `email_enqueue`,
`rendered_email_enqueue`), register what each kind's templates read with
`zen.outbox.rendering.email_loader` in their own `emails.py` (discovered when
the outbox starts), and forget an object's emails with `emails_forget`.
"""
