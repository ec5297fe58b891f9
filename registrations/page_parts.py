"""What sign-ups add to a meeting's page (see pages.meeting): how to take part, and the call
to act while one can — sign in as coordinator, register, or answer an invitation — and
nothing to act on once one cannot."""

from arshjul.cycle_pages import Part


def take_part(meeting, window):
    yield Part("registrations/includes/take_part.html", {"meeting": meeting, "window": window})
