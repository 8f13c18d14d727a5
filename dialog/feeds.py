"""Atom 1.0 feeds (RFC 4287) of promises' feedback updates, built with ElementTree.

Only public parts go into a feed: the updates and status changes of public promises. The
internal plans are never read here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
# Everything outside XML 1.0's Char production: C0 controls but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF. One such character and no feed reader parses the feed.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    updated: datetime
    link: str
    author: str
    content: str
    content_type: str  # "html" or "text"
    lang: str
    published: datetime | None = None


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry."""
    return NOT_XML.sub("", text)


def tag_uri(host: str, day: date, specific: str) -> str:
    """A tag: URI (RFC 4151), stable for as long as the site keeps its host name."""
    authority = host.split(":")[0] or "localhost"
    return f"tag:{authority},{day.isoformat()}:{specific}"


def shown_moment(day: date, created_at: datetime) -> datetime:
    """The moment of an entry dated `day` on the page: the time it was written when that was
    on the same day, else noon of the day (history entered later keeps the date shown)."""
    written = as_utc(created_at)
    return written if written.date() == day else as_utc(day)


def as_utc(moment: datetime | date) -> datetime:
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(12, 0))
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _stamp(moment: datetime) -> str:
    return as_utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def build_feed(
    *, feed_id: str, title: str, self_url: str, page_url: str, updated: datetime,
    lang: str, entries: Sequence[FeedEntry], author: str,
) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    # The feed changed when its newest entry did; a feed with no entries, when the promise did.
    newest = max((as_utc(e.updated) for e in entries), default=as_utc(updated))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": self_url,
                                           "type": "application/atom+xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": page_url,
                                           "type": "text/html"})
    feed_author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(feed_author, f"{{{ATOM}}}name").text = author
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = entry.id
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.title
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _stamp(entry.updated)
        if entry.published is not None:
            ET.SubElement(item, f"{{{ATOM}}}published").text = _stamp(entry.published)
        ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "href": entry.link,
                                               "type": "text/html"})
        who = ET.SubElement(item, f"{{{ATOM}}}author")
        ET.SubElement(who, f"{{{ATOM}}}name").text = entry.author
        content = ET.SubElement(item, f"{{{ATOM}}}content", {"type": entry.content_type})
        content.set("{http://www.w3.org/XML/1998/namespace}lang", entry.lang)
        content.text = entry.content
    for element in feed.iter():
        element.text = xml_text(element.text) if element.text else element.text
        for name, value in element.attrib.items():
            element.set(name, xml_text(value))
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
