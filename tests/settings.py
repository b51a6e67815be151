"""zen.settings with the environment a test run needs, and fast test-only knobs.

Everything else (database, Redis) still comes from the environment, so the
same suite runs on SQLite locally and on PostgreSQL and Redis in CI.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("EMAIL_URL", "locmem://")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DEFAULT_FROM_EMAIL", "Collectivités ZéN <programme@zen.example.org>")
# Not the address the tests' client uses: links in emails must come from SITE_URL, never the request.
os.environ.setdefault("SITE_URL", "https://zen.example.org")
# Uploads of a test run go to folders of its own, never to the checkout's media/.
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="zen-test-media-"))
os.environ.setdefault("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="zen-test-private-media-"))

from zen.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Serve static files straight from static/ (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
