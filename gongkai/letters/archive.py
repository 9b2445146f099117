"""The yearly 案卷归档: every case's documents in one folder per case, with a manifest.

`manifest.csv` (UTF-8 with BOM, so Excel opens it) has one row per file: tracking number,
document kind, 文号, date, file (relative path) and sha256 — the digest of the bytes written,
checked against the one stored when the letter was made.
"""

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from gongkai.accounts.models import Organization
from gongkai.applications.models import Application

from .models import Letter, Service
from .rendering import LetterError
from .services import letter_files

MANIFEST_HEADER = ["申请编号", "文书类型", "文号", "日期", "文件", "SHA-256"]


@dataclass
class ExportResult:
    cases: int = 0
    files: int = 0
    manifest: Path | None = None


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def letters_export(*, organization: Organization, year: int, out: Path) -> ExportResult:
    """Write the documents of `organization`'s applications registered in `year` under `out`."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    result = ExportResult(manifest=out / "manifest.csv")
    apps = Application.objects.filter(organization=organization, year=year).order_by(
        "tracking_number"
    )
    rows = []
    for app in apps.iterator():
        letters = list(Letter.objects.filter(application=app).order_by("issued_on", "pk"))
        if not letters:
            continue
        folder = out / app.tracking_number
        folder.mkdir(exist_ok=True)
        result.cases += 1
        for n, letter in enumerate(letters, start=1):
            letter = letter_files(letter)
            stem = f"{n:02d}-{letter.get_kind_display()}-{letter.number}-v{letter.version}"
            for fmt in ("pdf", "docx"):
                name = f"{stem}.{fmt}"
                digest = _write(folder / name, getattr(letter, fmt).open("rb").read())
                if digest != getattr(letter, f"{fmt}_sha256"):
                    raise LetterError(
                        f"{letter.number} 的 {fmt} 文件与登记的校验值不符，请检查存储。"
                    )
                rows.append(
                    [
                        app.tracking_number,
                        letter.get_kind_display(),
                        letter.number,
                        letter.issued_on.isoformat(),
                        f"{app.tracking_number}/{name}",
                        digest,
                    ]
                )
                result.files += 1
        for service in (
            Service.objects.filter(letter__application=app)
            .exclude(proof="")
            .select_related("letter")
        ):
            name = f"送达凭证-{service.letter.number}-{service.pk}-{service.proof_name}"
            digest = _write(folder / name, service.proof.open("rb").read())
            rows.append(
                [
                    app.tracking_number,
                    f"送达凭证（{service.get_method_display()}）",
                    service.letter.number,
                    service.served_on.isoformat(),
                    f"{app.tracking_number}/{name}",
                    digest,
                ]
            )
            result.files += 1
    with result.manifest.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(MANIFEST_HEADER)
        writer.writerows(rows)
    return result
