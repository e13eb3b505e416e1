"""R-CAS-6 / R-STD-9: the checksum kept beside every stored file."""

from __future__ import annotations

import hashlib
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from jiandu.core.files import CHUNK, sha256_of


@given(st.binary(max_size=4096))
def test_the_checksum_and_size_are_those_of_the_bytes_and_the_file_is_left_at_its_start(data):
    f = io.BytesIO(data)
    f.read(3)  # wherever the caller left it
    assert sha256_of(f) == (hashlib.sha256(data).hexdigest(), len(data))
    assert f.tell() == 0


def test_a_file_larger_than_one_chunk_is_read_whole_from_an_upload():
    data = b"x" * (CHUNK + 17)
    upload = SimpleUploadedFile("执法记录仪.mp4", data, content_type="video/mp4")
    assert sha256_of(upload) == (hashlib.sha256(data).hexdigest(), CHUNK + 17)
    assert upload.read() == data
