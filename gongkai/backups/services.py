"""Backup and restore of a whole installation: the database and the uploaded files.

A backup directory holds:

  manifest.json   what was saved: database vendor, applied migrations, the number of rows of
                  every table, every uploaded file with its size and SHA-256, the dump's SHA-256
  database.dump   PostgreSQL: `pg_dump --format=custom`, taken in the snapshot the row counts
                  were read in, so the manifest describes exactly the dump
  database.sqlite3  SQLite: a copy made with SQLite's online backup API
  media/          the uploaded files (MEDIA_ROOT), as they were
  private/        the applicants' files (GONGKAI_PRIVATE_DIR, kept outside MEDIA_ROOT)

A restore goes into an empty installation only (no organization, no staff account, no
uploaded file): it replaces the database with the dump, brings it up to this version's
migrations, copies the files back, checks rows and hashes against the manifest and rebuilds
the search index, which is derived from the database and never backed up.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 2  # 2: the applicants' private files are saved too, keyed "private/…" beside "media/…"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media"
PRIVATE = "private"


class BackupError(Exception):
    """Why a backup or restore cannot go on; the message is Chinese and names the fix."""


@dataclass(frozen=True)
class Summary:
    tables: int
    rows: int
    files: int
    bytes: int


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tables() -> list[str]:
    """Every table of an installed model (gongkai's and Django's), in a stable order."""
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(names)


def row_counts(cursor, tables: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _roots() -> dict[str, Path]:
    """Where uploaded files live, by the folder name they get in a backup."""
    return {
        MEDIA: Path(settings.MEDIA_ROOT),
        PRIVATE: Path(getattr(settings, "GONGKAI_PRIVATE_DIR", Path(settings.MEDIA_ROOT))),
    }


def stored_files(base: Path | None = None) -> dict[str, dict]:
    """ "media/…" and "private/…" → {size, sha256}: the installation's files, or (`base`) a
    backup directory's copy of them."""
    found = {}
    for name, root in _roots().items():
        folder = base / name if base is not None else root
        for relative, info in media_files(folder).items():
            found[f"{name}/{relative}"] = info
    return found


def media_files(root: Path) -> dict[str, dict]:
    """relative path → {size, sha256} of every file under `root`."""
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root)): {"size": path.stat().st_size, "sha256": sha256(path)}
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _migrations() -> list[list[str]]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted([app, name] for app, name in applied)


# -- PostgreSQL ---------------------------------------------------------------------------


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"找不到 {command[0]}：请安装与数据库服务器同版本的 PostgreSQL 客户端。")
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{done.stderr.strip()[-2000:]}")


def _check_client_version(env: dict) -> None:
    """pg_dump refuses a newer server, and an older pg_restore a newer dump: say which."""
    done = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, env=env)
    client = int("".join(ch for ch in done.stdout.split()[-1].split(".")[0] if ch.isdigit()))
    server = connection.pg_version // 10000
    if client < server:
        raise BackupError(
            f"pg_dump 的版本（{client}）低于数据库服务器（{server}）：请安装 PostgreSQL {server} 的客户端。"
        )


def _pg_backup(target: Path) -> dict[str, int]:
    """Dump the database in the snapshot the rows are counted in; the counts."""
    args, env = _pg_env()
    if shutil.which("pg_dump") is None:
        raise BackupError("找不到 pg_dump：请安装与数据库服务器同版本的 PostgreSQL 客户端。")
    _check_client_version(env)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts(cursor, _tables())
        _run(
            [
                "pg_dump",
                *args,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
            ],
            env,
        )
    return counts


def _pg_restore(source: Path) -> None:
    args, env = _pg_env()
    connection.close()
    _run(
        [
            "pg_restore",
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            str(source),
        ],
        env,
    )


# -- SQLite -------------------------------------------------------------------------------


def _sqlite_backup(target: Path) -> dict[str, int]:
    """Copy the database with SQLite's online backup API; the counts read from the copy."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return row_counts(copy.cursor(), _tables())
    finally:
        copy.close()


def _sqlite_restore(source: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(source)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()


# -- the two operations -------------------------------------------------------------------


def backup_write(*, directory: Path) -> Summary:
    """Write a backup of this installation into `directory` (new or empty)."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"备份目录 {directory} 不是空的：请指定一个新目录。")
    directory.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "postgresql":
        dump = directory / PG_DUMP
        counts = _pg_backup(dump)
    elif vendor == "sqlite":
        dump = directory / SQLITE_COPY
        counts = _sqlite_backup(dump)
    else:  # settings only allow these two
        raise BackupError(f"不支持的数据库：{vendor}")
    for name, root in _roots().items():
        if root.is_dir():
            shutil.copytree(root, directory / name)
    files = stored_files(directory)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"vendor": vendor, "file": dump.name, "sha256": sha256(dump)},
        "migrations": _migrations(),
        "rows": counts,
        "files": files,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return Summary(
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(files),
        bytes=sum(f["size"] for f in files.values()),
    )


def read_manifest(directory: Path) -> dict:
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise BackupError(
            f"{directory} 中没有 {MANIFEST}：这不是 gongkai backup 写出的备份。"
        ) from None
    except ValueError as exc:
        raise BackupError(f"{path} 已损坏：{exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')!r} 不是本版本能读取的格式 {FORMAT}。")
    return manifest


def installation_is_empty() -> bool:
    """No organization, no staff account, no uploaded file: a fresh install (migrated, with
    its seeded vocabularies, or not migrated at all)."""
    from gongkai.accounts.models import Organization, User

    tables = set(connection.introspection.table_names())
    for model in (Organization, User):
        if model._meta.db_table in tables and model.objects.exists():
            return False
    return not stored_files()


def _verify(directory: Path, manifest: dict) -> None:
    """Refuse a backup whose files do not match its manifest, before touching anything."""
    dump = directory / manifest["database"]["file"]
    if not dump.is_file() or sha256(dump) != manifest["database"]["sha256"]:
        raise BackupError(f"数据库备份文件 {dump.name} 缺失或校验值不符：备份已损坏。")
    on_disk = stored_files(directory)
    if on_disk != manifest["files"]:
        missing = sorted(manifest["files"].keys() - on_disk.keys())
        changed = sorted(
            k
            for k in on_disk.keys() & manifest["files"].keys()
            if on_disk[k] != manifest["files"][k]
        )
        raise BackupError(
            f"备份中的上传文件与清单不符（缺失 {missing[:5]}，不一致 {changed[:5]}）。"
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [tuple(m) for m in manifest["migrations"] if tuple(m) not in known]
    if unknown:
        raise BackupError(
            f"备份来自更新的版本（本版本没有迁移 {unknown[:3]}）：请先升级 gongkai 再恢复。"
        )


def backup_restore(*, directory: Path, stdout=None) -> Summary:
    """Restore the backup in `directory` into this (empty) installation; raise BackupError when
    it is not empty, the backup is damaged, or comes from another database or a newer version."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupError(
            f"备份来自 {manifest['database']['vendor']} 数据库，不能恢复到 {connection.vendor}。"
        )
    _verify(directory, manifest)
    if not installation_is_empty():
        raise BackupError(
            "当前安装中已有机构、工作人员或上传文件：恢复只能在空的安装中进行，"
            "以免覆盖现有数据。请使用新的数据库和 GONGKAI_VAR_DIR。"
        )
    dump = directory / manifest["database"]["file"]
    if connection.vendor == "postgresql":
        _pg_restore(dump)
    else:
        _sqlite_restore(dump)
    with connection.cursor() as cursor:
        counts = row_counts(cursor, sorted(manifest["rows"]))
    differences = {t: (n, counts.get(t)) for t, n in manifest["rows"].items() if counts.get(t) != n}
    if differences:
        raise BackupError(f"恢复后的记录数与备份清单不符：{differences}")
    # A backup from an older version is brought up to this one.
    call_command("migrate", interactive=False, verbosity=0)
    for name, root in _roots().items():
        if (directory / name).is_dir():
            shutil.copytree(directory / name, root, dirs_exist_ok=True)
    if stored_files() != manifest["files"]:
        raise BackupError(
            "复制后的上传文件与备份清单不符：请检查 MEDIA_ROOT 和 GONGKAI_PRIVATE_DIR 所在磁盘。"
        )
    from gongkai.catalog import search

    indexed = search.rebuild()
    if stdout is not None:
        stdout.write(f"检索索引已重建，共 {indexed} 条信息。")
    files = manifest["files"]
    return Summary(
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(files),
        bytes=sum(f["size"] for f in files.values()),
    )
