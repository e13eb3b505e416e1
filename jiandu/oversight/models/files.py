from __future__ import annotations

from django.db import models


class StoredFile(models.Model):
    """An uploaded file kept unchanged with its SHA-256 (checked by ``rules.attachments``)."""

    file = models.FileField(upload_to="oversight/%Y/")
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("类型", max_length=120)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name
