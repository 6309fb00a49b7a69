"""Media on S3-compatible storage, for a bucket that may be unreachable.

An outage of the bucket must not take pages with it. Pages name their images'
renditions by URL, which needs no request to the bucket; only making a missing
rendition reads the original. So the storage gives up quickly (short timeouts,
one retry) and says "unreachable" as an OSError, which Wagtail's image tags
already treat as a missing file: the page is served with that one image
broken. An upload that cannot be stored raises the same error, which the error
view (campaign.views) answers with a 503 saying so, never a 500."""

import functools

from botocore.config import Config
from botocore.exceptions import BotoCoreError
from storages.backends.s3 import S3Storage

# Seconds: an object store answers within these, or it is not answering.
CONNECT_TIMEOUT = 3
READ_TIMEOUT = 20


class StorageUnavailable(OSError):
    """The media storage could not be reached."""


def _reachable(method):
    """`method`, raising StorageUnavailable when the bucket cannot be reached."""

    @functools.wraps(method)
    def wrapped(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except BotoCoreError as error:
            raise StorageUnavailable(f"The media storage cannot be reached: {error}") from error

    return wrapped


class MediaStorage(S3Storage):
    def __init__(self, **settings):
        super().__init__(**settings)
        self.client_config = self.client_config.merge(
            Config(
                connect_timeout=CONNECT_TIMEOUT,
                read_timeout=READ_TIMEOUT,
                retries={"mode": "standard", "max_attempts": 2},
            )
        )

    _open = _reachable(S3Storage._open)
    _save = _reachable(S3Storage._save)
    exists = _reachable(S3Storage.exists)
    delete = _reachable(S3Storage.delete)
    size = _reachable(S3Storage.size)
