"""Hidden metadata out of office files before they are published: author, company, revision
history, comments and tracked changes. The original stays in the record; `strip` returns the
cleaned copy and, in Chinese, what it removed (shown to the reviewer).

DOCX and XLSX are zip packages of XML parts, rewritten part by part; PDFs go through pypdf.
"""

import io
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_FIELDS = {
    "{http://purl.org/dc/elements/1.1/}creator": "作者",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy": (
        "最后修改者"
    ),
    "{http://purl.org/dc/elements/1.1/}description": "备注",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords": "关键词",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}category": "类别",
}
REVISION = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}revision"
APP_FIELDS = {"Company": "单位", "Manager": "经理"}
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
# Parts removed whole, with what they held.
COMMENT_PARTS = re.compile(
    r"^(word/(comments|commentsExtended|commentsIds|commentsExtensible|people)\.xml"
    r"|xl/(comments\d*\.xml|threadedComments/.*|persons/.*))$"
)
CUSTOM_PROPS = "docProps/custom.xml"
COMMENT_REL_TYPES = {
    "comments",
    "commentsExtended",
    "commentsIds",
    "commentsExtensible",
    "people",
    "threadedComment",
    "person",
    "vmlDrawing",  # in a worksheet: the boxes its legacy comments are drawn in
}


def strip(data: bytes, kind: str) -> tuple[bytes, list[str]]:
    """(cleaned file, what was removed). A file with nothing to remove comes back unchanged."""
    if kind in ("docx", "xlsx"):
        return _strip_package(data)
    if kind == "pdf":
        return _strip_pdf(data)
    return data, []


def _xml(data: bytes):
    return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))


def _bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _core(data: bytes, removed: list[str]) -> bytes:
    root = _xml(data)
    for element in root:
        label = CORE_FIELDS.get(element.tag)
        if label and (element.text or "").strip():
            removed.append(f"{label}：{element.text.strip()}")
            element.text = ""
        elif element.tag == REVISION and (element.text or "1").strip() not in ("", "1"):
            removed.append(f"修订次数：{element.text.strip()}")
            element.text = "1"
    return _bytes(root)


def _app(data: bytes, removed: list[str]) -> bytes:
    root = _xml(data)
    for name, label in APP_FIELDS.items():
        for element in root.iter(f"{{{EP}}}{name}"):
            if (element.text or "").strip():
                removed.append(f"{label}：{element.text.strip()}")
                element.text = ""
    return _bytes(root)


def _tracked_changes(data: bytes, removed: list[str]) -> bytes:
    """Accept every tracked change: insertions stay as plain text, deletions go, and the
    formatting-change records (which name their authors) go."""
    root = _xml(data)
    authors: set[str] = set()
    count = 0
    for tag in ("del", "moveFrom"):
        for element in list(root.iter(f"{{{W}}}{tag}")):
            authors.add(element.get(f"{{{W}}}author", ""))
            element.getparent().remove(element)
            count += 1
    for tag in ("ins", "moveTo"):
        for element in list(root.iter(f"{{{W}}}{tag}")):
            authors.add(element.get(f"{{{W}}}author", ""))
            parent = element.getparent()
            index = parent.index(element)
            for child in list(element):
                parent.insert(index, child)
                index += 1
            parent.remove(element)
            count += 1
    for tag in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
    ):
        for element in list(root.iter(f"{{{W}}}{tag}")):
            authors.add(element.get(f"{{{W}}}author", ""))
            element.getparent().remove(element)
            count += 1
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for element in list(root.iter(f"{{{W}}}{tag}")):
            element.getparent().remove(element)
    for element in list(root.iter(f"{{{W}}}commentReference")):
        run = element.getparent()
        run.remove(element)
        if run.tag == f"{{{W}}}r" and not [c for c in run if c.tag != f"{{{W}}}rPr"]:
            run.getparent().remove(run)
    if count:
        who = "、".join(sorted(a for a in authors if a))
        removed.append(f"修订记录 {count} 处（已接受修订）" + (f"，修订人：{who}" if who else ""))
    return _bytes(root)


def _resolve(base: str, target: str) -> str:
    """A relationship target as a part name ("../comments1.xml" from xl/worksheets/ …)."""
    if target.startswith("/"):
        return target[1:]
    parts = [p for p in base.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _content_types(data: bytes, gone: set[str]) -> bytes:
    root = _xml(data)
    for override in list(root):
        if override.get("PartName", "").lstrip("/") in gone:
            root.remove(override)
    return _bytes(root)


def _sheet(data: bytes, removed_rels: set[str]) -> bytes:
    root = _xml(data)
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for element in list(root):
        if etree.QName(element).localname == "legacyDrawing" and element.get(r_id) in removed_rels:
            root.remove(element)
    return _bytes(root)


def _strip_package(data: bytes) -> tuple[bytes, list[str]]:
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    removed: list[str] = []
    gone = {n for n in names if COMMENT_PARTS.match(n)}
    # Comment parts are named differently by each program: find them by relationship type too.
    for name in names:
        if name.endswith(".rels"):
            folder, _, file = name.rpartition("/_rels/")
            base = (f"{folder}/{file[:-5]}" if folder else file[:-5]).rpartition("/")[0]
            for rel in _xml(source.read(name)):
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                if kind == "vmlDrawing" and not name.startswith("xl/worksheets/"):
                    continue  # in Word, VML draws shapes and watermarks, not comments
                if kind in COMMENT_REL_TYPES:
                    gone.add(_resolve(base, rel.get("Target", "")))
    gone &= set(names)
    comment_count = sum(
        len(_xml(source.read(n)).findall(f"{{{W}}}comment"))
        for n in gone
        if n == "word/comments.xml"
    ) + sum(
        len(re.findall(rb"<comment\b", source.read(n)))
        for n in gone
        if n.startswith("xl/") and "comment" in n.lower() and n.endswith(".xml")
    )
    if comment_count:
        removed.append(f"批注 {comment_count} 条")
    elif any("comment" in n.lower() for n in gone):
        removed.append("批注")
    if CUSTOM_PROPS in names:
        gone.add(CUSTOM_PROPS)
        removed.append("自定义属性")
    # Relationship ids of removed parts, per source part, to drop the elements pointing at them.
    removed_rels: dict[str, set[str]] = {}
    for name in names:
        if name.endswith(".rels"):
            folder, _, file = name.rpartition("/_rels/")
            owner = f"{folder}/{file[:-5]}" if folder else file[:-5]
            base = owner.rpartition("/")[0]
            for rel in _xml(source.read(name)):
                if _resolve(base, rel.get("Target", "")) in gone:
                    removed_rels.setdefault(owner, set()).add(rel.get("Id"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            name = info.filename
            if name in gone:
                continue
            content = source.read(name)
            if name == "docProps/core.xml":
                content = _core(content, removed)
            elif name == "docProps/app.xml":
                content = _app(content, removed)
            elif name == "[Content_Types].xml":
                content = _content_types(content, gone)
            elif name.endswith(".rels"):
                folder, _, file = name.rpartition("/_rels/")
                owner = f"{folder}/{file[:-5]}" if folder else file[:-5]
                if owner in removed_rels:
                    content = _drop_rels(content, removed_rels[owner])
            elif re.match(r"^word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$", name):
                content = _tracked_changes(content, removed)
            elif re.match(r"^xl/worksheets/sheet\d+\.xml$", name) and name in removed_rels:
                content = _sheet(content, removed_rels[name])
            target.writestr(info, content)
    if not removed:
        return data, []
    return out.getvalue(), removed


def _drop_rels(data: bytes, ids: set[str]) -> bytes:
    root = _xml(data)
    for rel in list(root):
        if rel.get("Id") in ids:
            root.remove(rel)
    return _bytes(root)


PDF_INFO = {
    "/Author": "作者",
    "/Creator": "创建程序",
    "/Producer": "生成程序",
    "/Subject": "主题",
    "/Keywords": "关键词",
}
PDF_COMMENTS = {"/Text", "/FreeText", "/Popup", "/Highlight", "/StrikeOut", "/Underline"}


def _strip_pdf(data: bytes) -> tuple[bytes, list[str]]:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(io.BytesIO(data))
    removed: list[str] = []
    info = reader.metadata or {}
    for key, label in PDF_INFO.items():
        value = info.get(key)
        if value and str(value).strip():
            removed.append(f"{label}：{str(value).strip()}")
    writer = PdfWriter(clone_from=reader)
    kept = {}
    if info.get("/Title"):
        kept[NameObject("/Title")] = info["/Title"]
    writer._info.get_object().clear()
    if kept:
        writer.add_metadata({"/Title": str(kept[NameObject("/Title")])})
    root = writer._root_object
    if "/Metadata" in root:
        del root["/Metadata"]
        removed.append("XMP 元数据")
    comments = 0
    for page in writer.pages:
        annotations = page.get("/Annots")
        if not annotations:
            continue
        keep = [a for a in annotations if a.get_object().get("/Subtype") not in PDF_COMMENTS]
        comments += len(annotations) - len(keep)
        if len(keep) != len(annotations):
            if keep:
                page[NameObject("/Annots")] = type(annotations)(keep)
            else:
                del page["/Annots"]
    if comments:
        removed.append(f"批注 {comments} 条")
    if not removed:
        return data, []
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), removed
