"""Media storage is chosen by the environment, and the Content-Security-Policy allows exactly its origin."""

import json

from tests.zen.test_settings import PRODUCTION, manage

SHOW = (
    "import json; from django.conf import settings as s; from django.core.files.storage import storages; "
    "print(json.dumps({'storage': s.MEDIA_STORAGE, 'img': s.SECURE_CSP['img-src'], "
    "'public': type(storages['default']).__name__, 'private': type(storages['private']).__name__, "
    "'url': storages['default'].url('organisations/logos/logo.png'), "
    "'private_location': getattr(storages['private'], 'location', '')}))"
)


def settings_with(**env: str) -> dict:
    result = manage(
        "shell", "-v0", "-c", SHOW, **PRODUCTION, MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png", **env
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_by_default_media_live_on_the_filesystem_and_come_from_our_own_origin():
    shown = settings_with()
    assert shown["storage"] == "filesystem"
    assert (shown["public"], shown["private"]) == ("FileSystemStorage", "FileSystemStorage")
    assert shown["url"] == "/media/organisations/logos/logo.png"
    assert shown["private_location"].endswith("private-media")
    assert shown["img"] == ["'self'", "data:", "https://tiles.example.org"]


def test_a_bucket_selects_object_storage_and_the_csp_allows_exactly_its_public_origin():
    shown = settings_with(S3_BUCKET="zen-media", S3_ENDPOINT_URL="https://s3.example.org", S3_REGION="ca-central-1")
    assert shown["storage"] == "s3"
    assert (shown["public"], shown["private"]) == ("S3Storage", "S3Storage")
    assert shown["url"] == "https://s3.example.org/zen-media/public/organisations/logos/logo.png"
    assert shown["img"] == ["'self'", "data:", "https://s3.example.org", "https://tiles.example.org"]


def test_a_cdn_in_front_of_the_bucket_is_the_one_origin_allowed():
    shown = settings_with(S3_BUCKET="zen-media", S3_PUBLIC_URL="https://media.zen.example.org")
    assert shown["url"] == "https://media.zen.example.org/public/organisations/logos/logo.png"
    assert shown["img"] == ["'self'", "data:", "https://media.zen.example.org", "https://tiles.example.org"]


def test_aws_without_an_endpoint_reads_from_the_buckets_own_host():
    shown = settings_with(S3_BUCKET="zen-media")
    assert shown["url"] == "https://zen-media.s3.amazonaws.com/public/organisations/logos/logo.png"


def test_s3_settings_without_a_bucket_are_refused_rather_than_ignored():
    result = manage("check", **PRODUCTION, S3_ENDPOINT_URL="https://s3.example.org")
    assert result.returncode != 0 and "S3_BUCKET must be set" in result.stderr
    bad = manage("check", **PRODUCTION, S3_BUCKET="zen-media", S3_PUBLIC_URL="media.example.org")
    assert bad.returncode != 0 and "S3_PUBLIC_URL must start with" in bad.stderr


def test_check_deploy_is_clean_with_object_storage_too():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, S3_BUCKET="zen-media", S3_REGION="ca-central-1"
    )
    assert result.returncode == 0, result.stdout + result.stderr
