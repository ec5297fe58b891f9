"""The infrastructure every app uses, and none of the domain: the outbox and e-mail, PDF
rendering and jobs, calendar files, background work and sweeps, rate limits, private storage,
health, and small helpers for forms, the admin and validation.

The rule (checked by import-linter, `make lint`): nothing here imports the domain
(``arshjul``'s cycle, organisations…) or a feature app (meetings, registrations, survey,
indicators). They import it.
"""
