//! Writes WARC archives from saved pages, the way a crawler would have
//! stored them: a `warcinfo` record, then for each page a `request` and a
//! `response` record, optionally one gzip member per record as Common Crawl
//! writes them. The tests, the `make_warc` example and the Spark test build
//! their archives with it; nothing is downloaded.

#![allow(dead_code)] // Each includer uses its own part.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::{self, Write};

/// One page to archive.
pub struct ArchivedPage<'a> {
    pub url: &'a str,
    /// The HTTP `Content-Type` header's value.
    pub content_type: &'a str,
    pub body: &'a [u8],
}

/// Writes records to `out`, each gzipped on its own when `gzip` is set.
pub struct WarcWriter<W: Write> {
    out: W,
    gzip: bool,
    records: u64,
}

impl<W: Write> WarcWriter<W> {
    pub fn new(out: W, gzip: bool) -> io::Result<Self> {
        let mut writer = WarcWriter {
            out,
            gzip,
            records: 0,
        };
        writer.write_record(
            "warcinfo",
            None,
            "application/warc-fields",
            b"software: newsclip test archive\r\nformat: WARC File Format 1.1\r\n",
        )?;
        Ok(writer)
    }

    /// A `request` and a `response` record for the page.
    pub fn write_page(&mut self, page: &ArchivedPage<'_>) -> io::Result<()> {
        let path = page
            .url
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|slash| &rest[slash..]))
            .unwrap_or("/");
        let request = format!("GET {path} HTTP/1.1\r\nUser-Agent: newsclip-test\r\n\r\n");
        self.write_record(
            "request",
            Some(page.url),
            "application/http; msgtype=request",
            request.as_bytes(),
        )?;
        let mut response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n\r\n",
            page.content_type,
            page.body.len()
        )
        .into_bytes();
        response.extend_from_slice(page.body);
        self.write_record(
            "response",
            Some(page.url),
            "application/http; msgtype=response",
            &response,
        )
    }

    /// How many records were written, the `warcinfo` one included.
    pub fn records(&self) -> u64 {
        self.records
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }

    fn write_record(
        &mut self,
        kind: &str,
        url: Option<&str>,
        content_type: &str,
        block: &[u8],
    ) -> io::Result<()> {
        self.records += 1;
        let mut record = Vec::with_capacity(block.len() + 512);
        write!(record, "WARC/1.1\r\nWARC-Type: {kind}\r\n")?;
        if let Some(url) = url {
            write!(record, "WARC-Target-URI: {url}\r\n")?;
        }
        write!(
            record,
            "WARC-Date: {}\r\nWARC-Record-ID: {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            record_date(self.records),
            record_id(self.records, url.unwrap_or(kind)),
            block.len()
        )?;
        record.extend_from_slice(block);
        record.extend_from_slice(b"\r\n\r\n");
        if self.gzip {
            let mut member = GzEncoder::new(&mut self.out, Compression::fast());
            member.write_all(&record)?;
            member.finish()?;
            Ok(())
        } else {
            self.out.write_all(&record)
        }
    }
}

/// A capture time one second per record after a fixed start, so archives
/// are byte-identical from run to run.
fn record_date(number: u64) -> String {
    let seconds = number % 60;
    let minutes = (number / 60) % 60;
    let hours = (number / 3600) % 24;
    format!("2026-01-01T{hours:02}:{minutes:02}:{seconds:02}Z")
}

/// A UUID-shaped record id, unique per record and stable per input.
fn record_id(number: u64, url: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in url.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!(
        "<urn:uuid:{:08x}-{:04x}-4{:03x}-8000-{:012x}>",
        hash >> 32,
        (hash >> 16) & 0xffff,
        hash & 0xfff,
        number
    )
}
