"""What each page that gathers several apps shows, in order — the composition above the apps.

The core (``arshjul``) and the apps know nothing of each other's pages; here, in one module per
page, is what each shows:

- :mod:`pages.wheel` — the wheel's steps and rings (the home and cycle pages, the embedded
  wheel, the poster, the calendar feed);
- :mod:`pages.cycle` — the home and cycle pages' parts, and copying a cycle to next year;
- :mod:`pages.organisation` — a coordinator's page: the task list and the checklist;
- :mod:`pages.overview` — staff's overview of a cycle: its columns, lists and printouts;
- :mod:`pages.admin` — the admin classes that combine apps (a cycle with its meetings, a
  meeting with its participants), each registered once;
- :mod:`pages.demo` — the demo's parts of a cycle.

This package imports the apps; none of them imports it (``make lint`` holds that).
"""
