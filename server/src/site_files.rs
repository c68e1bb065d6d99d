//! The site's own files (the WebAssembly and its loader, the stylesheet and
//! whatever the public folder holds), read once and served from memory,
//! compressed in advance, never per request.
//!
//! The WebAssembly, loader and stylesheet are also served under a name
//! carrying a hash of their content (`/pkg/voice.<hash>.wasm`), which is the
//! name pages use: a browser may keep those for a year, because a new build
//! is a new name. Every other file is served with `no-cache` and an ETag, so
//! a browser asks each time and is answered 304 while it has the newest.
//!
//! Files are read when the router is built: a frontend rebuild needs a
//! restart of the server (cargo-leptos restarts it whenever the app changes).

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

/// The files of the site these options name, read once per process (tests
/// build a router per test; the site is the same for all).
pub fn for_site(options: &leptos::config::LeptosOptions) -> Arc<SiteFiles> {
    type Key = (String, String, String);
    static READ: OnceLock<Mutex<HashMap<Key, Arc<SiteFiles>>>> = OnceLock::new();
    let key = (
        options.site_root.to_string(),
        options.site_pkg_dir.to_string(),
        options.output_name.to_string(),
    );
    let mut read = READ
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let files = read.entry(key).or_insert_with_key(|(root, pkg, name)| {
        Arc::new(SiteFiles::load(Path::new(root), pkg, name))
    });
    Arc::clone(files)
}

const FOR_A_YEAR: &str = "public, max-age=31536000, immutable";
const ASK_EACH_TIME: &str = "no-cache";

/// The files pages name by the bundle's hashed name: the loader, the
/// WebAssembly and the stylesheet, by extension.
const BUNDLE_EXTENSIONS: [&str; 3] = ["js", "wasm", "css"];

pub struct SiteFiles {
    by_path: HashMap<String, Served>,
    bundle_name: String,
}

struct Served {
    file: Arc<SiteFile>,
    cache_control: &'static str,
}

struct SiteFile {
    content_type: &'static str,
    raw: Bytes,
    etag: HeaderValue,
    /// Made on first use (or by `compress_all` at start), then kept.
    compressed: OnceLock<Compressed>,
}

#[derive(Default)]
struct Compressed {
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl SiteFiles {
    /// Reads every file under `site_root`. `output_name` is the bundle's
    /// name (`voice`) and `pkg_dir` the folder it is built into (`pkg`).
    /// A missing site root gives no files, as when only the server is built.
    pub fn load(site_root: &Path, pkg_dir: &str, output_name: &str) -> SiteFiles {
        let mut by_path = HashMap::new();
        for (path, raw) in files_under(site_root) {
            let file = Arc::new(SiteFile::new(&path, raw));
            by_path.insert(
                path,
                Served {
                    file,
                    cache_control: ASK_EACH_TIME,
                },
            );
        }
        let bundle: Vec<(&str, Arc<SiteFile>)> = BUNDLE_EXTENSIONS
            .iter()
            .filter_map(|extension| {
                let path = format!("/{pkg_dir}/{output_name}.{extension}");
                by_path
                    .get(&path)
                    .map(|served| (*extension, Arc::clone(&served.file)))
            })
            .collect();
        if bundle.is_empty() {
            return SiteFiles {
                by_path,
                bundle_name: output_name.to_string(),
            };
        }
        let mut hash = Sha256::new();
        for (extension, file) in &bundle {
            hash.update(extension.as_bytes());
            hash.update(&file.raw);
        }
        let digest = hash.finalize();
        let short: String = digest[..8]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        let bundle_name = format!("{output_name}.{short}");
        for (extension, file) in bundle {
            by_path.insert(
                format!("/{pkg_dir}/{bundle_name}.{extension}"),
                Served {
                    file,
                    cache_control: FOR_A_YEAR,
                },
            );
        }
        SiteFiles {
            by_path,
            bundle_name,
        }
    }

    /// What pages call the bundle (`voice.<hash>`): the `output_name` to
    /// render pages with.
    pub fn bundle_name(&self) -> &str {
        &self.bundle_name
    }

    /// Compresses every file now, so no visitor waits for it.
    pub fn compress_all(&self) {
        for served in self.by_path.values() {
            served.file.compressed();
        }
    }

    /// The file at `path`, answered for a request with these headers, or
    /// `None` if there is no such file.
    pub fn respond(&self, method: &Method, path: &str, request: &HeaderMap) -> Option<Response> {
        if method != Method::GET && method != Method::HEAD {
            return None;
        }
        let served = self.by_path.get(path)?;
        let file = &served.file;
        let mut response = Response::new(Body::empty());
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(served.cache_control),
        );
        headers.insert(header::ETAG, file.etag.clone());
        if is_compressible(file.content_type) {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if already_has(request, &file.etag) {
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            return Some(response);
        }
        let (encoding, body) = file.body_for(preferred_encoding(request));
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(file.content_type),
        );
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        match encoding {
            Encoding::Brotli => {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            }
            Encoding::Gzip => {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            }
            Encoding::Identity => {}
        }
        if method == Method::GET {
            *response.body_mut() = Body::from(body);
        }
        Some(response)
    }
}

impl SiteFile {
    fn new(path: &str, raw: Vec<u8>) -> SiteFile {
        let digest = Sha256::digest(&raw);
        let tag: String = digest[..12]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        SiteFile {
            content_type: content_type(path),
            raw: Bytes::from(raw),
            etag: HeaderValue::from_str(&format!("\"{tag}\"")).expect("hex is a header value"),
            compressed: OnceLock::new(),
        }
    }

    fn compressed(&self) -> &Compressed {
        self.compressed.get_or_init(|| {
            if !is_compressible(self.content_type) {
                return Compressed::default();
            }
            let smaller =
                |packed: Vec<u8>| (packed.len() < self.raw.len()).then(|| Bytes::from(packed));
            Compressed {
                brotli: brotli(&self.raw).and_then(smaller),
                gzip: gzip(&self.raw).and_then(smaller),
            }
        })
    }

    /// The smallest body the client can take, preferring its choice.
    fn body_for(&self, wanted: Encoding) -> (Encoding, Bytes) {
        let compressed = self.compressed();
        match wanted {
            Encoding::Brotli => compressed
                .brotli
                .clone()
                .map(|body| (Encoding::Brotli, body))
                .or_else(|| compressed.gzip.clone().map(|body| (Encoding::Gzip, body))),
            Encoding::Gzip => compressed.gzip.clone().map(|body| (Encoding::Gzip, body)),
            Encoding::Identity => None,
        }
        .unwrap_or_else(|| (Encoding::Identity, self.raw.clone()))
    }
}

/// Every file below `root`, by its address (`/pkg/voice.wasm`).
fn files_under(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let (Ok(relative), Ok(raw)) = (path.strip_prefix(root), std::fs::read(&path))
            {
                let address: Vec<String> = relative
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push((format!("/{}", address.join("/")), raw));
            }
        }
    }
    found
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, ext)| ext).unwrap_or("");
    match extension {
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn is_compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/wasm")
        || content_type.starts_with("application/json")
        || content_type.starts_with("application/manifest+json")
        || content_type.starts_with("image/svg+xml")
}

fn brotli(raw: &[u8]) -> Option<Vec<u8>> {
    let mut packed = Vec::new();
    {
        // The best compression there is: done once per file per start.
        let mut writer = brotli::CompressorWriter::new(&mut packed, 64 * 1024, 11, 22);
        writer.write_all(raw).ok()?;
    }
    Some(packed)
}

fn gzip(raw: &[u8]) -> Option<Vec<u8>> {
    let mut writer = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    writer.write_all(raw).ok()?;
    writer.finish().ok()
}

/// The client's most wanted encoding among brotli and gzip (by q-value;
/// brotli on a tie), or none.
fn preferred_encoding(request: &HeaderMap) -> Encoding {
    let mut best = (Encoding::Identity, 0.0_f32);
    let accepted = request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','));
    for item in accepted {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let quality = parts
            .find_map(|part| part.strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let encoding = match name {
            "br" => Encoding::Brotli,
            "gzip" => Encoding::Gzip,
            _ => continue,
        };
        let better = quality > best.1 || (quality == best.1 && encoding == Encoding::Brotli);
        if quality > 0.0 && better {
            best = (encoding, quality);
        }
    }
    best.0
}

/// Whether `If-None-Match` names this version of the file.
fn already_has(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let Ok(etag) = etag.to_str() else {
        return false;
    };
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn brotli_is_chosen_when_taken_and_gzip_otherwise() {
        assert_eq!(
            preferred_encoding(&accepting("gzip, deflate, br, zstd")),
            Encoding::Brotli
        );
        assert_eq!(
            preferred_encoding(&accepting("gzip, deflate")),
            Encoding::Gzip
        );
        assert_eq!(
            preferred_encoding(&accepting("br;q=0, gzip")),
            Encoding::Gzip
        );
        assert_eq!(
            preferred_encoding(&accepting("br;q=0.5, gzip;q=0.9")),
            Encoding::Gzip
        );
        assert_eq!(
            preferred_encoding(&accepting("identity")),
            Encoding::Identity
        );
        assert_eq!(preferred_encoding(&HeaderMap::new()), Encoding::Identity);
    }

    fn site() -> (tempfile::TempDir, SiteFiles) {
        let root = tempfile::tempdir().expect("a folder");
        std::fs::create_dir(root.path().join("pkg")).expect("pkg");
        let code = "export function hydrate() {}\n".repeat(200);
        std::fs::write(root.path().join("pkg/voice.js"), &code).expect("js");
        std::fs::write(root.path().join("pkg/voice.wasm"), [0u8; 4000]).expect("wasm");
        std::fs::write(
            root.path().join("pkg/voice.css"),
            "body { margin: 0 }\n".repeat(100),
        )
        .expect("css");
        std::fs::write(root.path().join("favicon.svg"), "<svg/>").expect("svg");
        let files = SiteFiles::load(root.path(), "pkg", "voice");
        (root, files)
    }

    #[test]
    fn the_bundle_is_served_under_its_hash_for_a_year_and_the_rest_is_checked_each_time() {
        let (_root, files) = site();
        let name = files.bundle_name().to_string();
        assert!(
            name.starts_with("voice.") && name.len() == "voice.".len() + 16,
            "{name}"
        );
        let hashed = files
            .respond(&Method::GET, &format!("/pkg/{name}.wasm"), &accepting("br"))
            .expect("the hashed wasm");
        assert_eq!(hashed.headers()[header::CACHE_CONTROL], FOR_A_YEAR);
        assert_eq!(hashed.headers()[header::CONTENT_ENCODING], "br");
        for plain in ["/pkg/voice.wasm", "/favicon.svg"] {
            let response = files
                .respond(&Method::GET, plain, &HeaderMap::new())
                .expect(plain);
            assert_eq!(
                response.headers()[header::CACHE_CONTROL],
                ASK_EACH_TIME,
                "{plain}"
            );
            assert!(
                response.headers().get(header::CONTENT_ENCODING).is_none(),
                "{plain}"
            );
        }
        assert!(files
            .respond(
                &Method::GET,
                "/pkg/voice.0000000000000000.wasm",
                &HeaderMap::new()
            )
            .is_none());
        assert!(files
            .respond(&Method::POST, "/favicon.svg", &HeaderMap::new())
            .is_none());
        assert!(files
            .respond(&Method::GET, "/../Cargo.toml", &HeaderMap::new())
            .is_none());
    }

    #[test]
    fn a_new_build_is_a_new_name() {
        let (root, files) = site();
        std::fs::write(root.path().join("pkg/voice.css"), "body { margin: 1px }").expect("css");
        let rebuilt = SiteFiles::load(root.path(), "pkg", "voice");
        assert_ne!(files.bundle_name(), rebuilt.bundle_name());
    }

    #[test]
    fn a_known_version_is_answered_not_modified() {
        let (_root, files) = site();
        let first = files
            .respond(&Method::GET, "/pkg/voice.js", &HeaderMap::new())
            .expect("js");
        let mut again = HeaderMap::new();
        again.insert(header::IF_NONE_MATCH, first.headers()[header::ETAG].clone());
        let second = files
            .respond(&Method::GET, "/pkg/voice.js", &again)
            .expect("js");
        assert_eq!(second.status(), StatusCode::NOT_MODIFIED);
    }

    #[test]
    fn compressed_bodies_read_back_as_the_file() {
        use std::io::Read;
        let (root, files) = site();
        let raw = std::fs::read(root.path().join("pkg/voice.js")).expect("js");
        let file = &files.by_path["/pkg/voice.js"].file;
        let (encoding, packed) = file.body_for(Encoding::Brotli);
        assert_eq!(encoding, Encoding::Brotli);
        assert!(packed.len() < raw.len());
        let mut unpacked = Vec::new();
        brotli::Decompressor::new(&packed[..], 4096)
            .read_to_end(&mut unpacked)
            .expect("brotli");
        assert_eq!(unpacked, raw);
        let (encoding, packed) = file.body_for(Encoding::Gzip);
        assert_eq!(encoding, Encoding::Gzip);
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut unpacked)
            .expect("gzip");
        assert_eq!(unpacked, raw);
    }
}
