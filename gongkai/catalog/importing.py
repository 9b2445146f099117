"""Bulk import of already-published items (an office's back catalog, the demo, the bench).

The items were reviewed and published elsewhere, so they go straight in as published: index
numbers are allocated a block at a time, rows are inserted in batches, and the search index is
written in the same pass (no pending rows), under the single-writer lock. Segmentation, the
costliest step, can run in worker processes while this process writes the database.
"""

import multiprocessing
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.lib import text

from .models import IndexNumberCounter, Item, ItemStatus
from .search import engine
from .services import INDEX_NUMBER_FORMAT_DEFAULT

FIELDS = (
    "organization_id",
    "title",
    "summary",
    "body",
    "doc_number",
    "written_on",
    "published_at",
    "topic_id",
    "category_id",
    "kind",
    "validity",
    "validity_changed_on",
    "keywords",
)


def allocate_index_block(organization_id: int, year: int, count: int) -> int:
    """Reserve `count` consecutive serials; returns the first. Same counter as one-by-one."""
    with transaction.atomic():
        counter, _ = IndexNumberCounter.objects.get_or_create(
            organization_id=organization_id, year=year
        )
        IndexNumberCounter.objects.filter(pk=counter.pk).update(
            last_serial=F("last_serial") + count
        )
        last = IndexNumberCounter.objects.get(pk=counter.pk).last_serial
    return last - count + 1


def _segment(batch: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(text.index_text(title), text.index_text(body)) for title, body in batch]


def _texts(row: dict) -> tuple[str, str]:
    return (
        f"{row['title']} {row.get('doc_number', '')} {row.get('keywords', '')}",
        f"{row.get('summary', '')}\n{row['body']}",
    )


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def import_published(
    rows: Iterable[dict], *, batch_size: int = 2000, workers: int = 0, stdout=None
) -> int:
    """Insert published items given as dicts of FIELDS and index them. Returns the count.

    `workers` > 0 segments in that many processes, one batch ahead of the database writes.
    """
    codes = dict(Organization.objects.values_list("pk", "code"))
    template = getattr(settings, "GONGKAI_INDEX_NUMBER_FORMAT", INDEX_NUMBER_FORMAT_DEFAULT)
    tz = timezone.get_current_timezone()
    pool = multiprocessing.get_context("fork").Pool(workers) if workers else None
    total = 0
    with engine.writer_lock(blocking=True):
        index = engine.get_index()
        writer = engine.open_writer(index, heap_mb=256, threads=max(1, workers))
        pending = None  # (batch, async segmentation result) of the batch in flight
        try:
            for batch in _batches(rows, batch_size):
                texts = [_texts(row) for row in batch]
                job = pool.apply_async(_segment, (texts,)) if pool else texts
                if pending is not None:
                    total += _write(writer, *pending, codes, template, tz)
                pending = (batch, job)
                if stdout is not None and total and total % (batch_size * 50) == 0:
                    stdout.write(f"已导入 {total} 条……")
            if pending is not None:
                total += _write(writer, *pending, codes, template, tz)
            writer.commit()
            writer.wait_merging_threads()
        finally:
            if pool is not None:
                pool.close()
                pool.join()
        index.reload()
    return total


def _write(writer, batch: list[dict], job, codes, template, tz) -> int:
    years = [row["published_at"].astimezone(tz).year for row in batch]
    need = Counter(zip((row["organization_id"] for row in batch), years, strict=True))
    next_serial = {key: allocate_index_block(*key, n) for key, n in need.items()}
    items = []
    for row, year in zip(batch, years, strict=True):
        key = (row["organization_id"], year)
        serial = next_serial[key]
        next_serial[key] = serial + 1
        item = Item(status=ItemStatus.PUBLISHED, **{f: row[f] for f in FIELDS if f in row})
        item.index_no = template.format(org_code=codes[key[0]], year=year, serial=serial)
        items.append(item)
    with transaction.atomic():
        Item.objects.bulk_create(items)
    segmented = job.get() if hasattr(job, "get") else _segment(job)
    for item, (title_terms, body_terms) in zip(items, segmented, strict=True):
        writer.add_document(
            engine.make_document(
                {
                    "pk": item.pk,
                    "organization_id": item.organization_id,
                    "topic_id": item.topic_id,
                    "category_id": item.category_id,
                    "published_at": item.published_at,
                    "validity": item.validity,
                },
                title_terms,
                body_terms,
            )
        )
    return len(items)
