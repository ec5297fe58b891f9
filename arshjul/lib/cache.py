"""The cache on a laptop: Django's file cache in a folder (``var/cache``), which every process
there shares — the web server, and a command such as ``import_kolada`` or ``load_region`` run
in another terminal — so a page the command changed is made anew on the next visit, and a rate
limit counts every process's hits.

Django's file cache reads and writes a counter in two steps; here ``add`` and ``incr`` hold a
lock on the folder meanwhile, so that twelve requests at once count to twelve, as with Redis
(which production uses).
"""

import contextlib
import os

from django.core.cache.backends.filebased import FileBasedCache

try:
    import fcntl
except ImportError:  # Windows: no lock (use WSL, or a Redis CACHE_URL)
    fcntl = None


class SharedFileCache(FileBasedCache):
    def add(self, key, value, timeout=None, version=None):
        with self._locked():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._locked():
            return super().incr(key, delta, version)  # decr() comes here too

    @contextlib.contextmanager
    def _locked(self):
        if fcntl is None:
            yield
            return
        self._createdir()
        # The lock file is not a cache entry (those end in .djcache): clear() leaves it.
        with open(os.path.join(self._dir, "lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
