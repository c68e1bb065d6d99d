//! The shape of `app/src`, checked on every test run: which file uses which.
//!
//! - No two files depend on each other, directly or round a longer loop
//!   (a module may use its own submodules, and they its items: that is how
//!   Rust modules are built, not a loop).
//! - The shared layer (everything outside the capabilities, the root and
//!   the front page) depends on no capability, so a capability can be read,
//!   changed or removed without touching it.
//! - Capabilities depend on each other in one direction only.
//!
//! A file depends on another where it names a path into it: `crate::a::b`,
//! `super::c`, or a `use` group listing them. Comments, strings and test
//! modules are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CAPABILITIES: [&str; 7] = [
    "accounts", "surveys", "promises", "rights", "live", "reports", "quotes",
];
/// Modules that put capabilities together: the router and the front page.
const COMPOSITION: [&str; 2] = ["", "home"];

type Module = Vec<String>;

#[test]
fn no_file_depends_on_itself_round_a_loop() {
    let graph = Graph::of_source();
    let loops = graph.loops();
    assert!(
        loops.is_empty(),
        "these files depend on each other in a loop (move what both need to \
         a module both may use):\n{}",
        loops.join("\n")
    );
}

#[test]
fn the_shared_layer_depends_on_no_capability() {
    let graph = Graph::of_source();
    let wrong: Vec<String> = graph
        .edges()
        .filter(|(from, to)| layer(from) == Layer::Shared && layer(to) == Layer::Capability)
        .map(|(from, to)| format!("{} -> {}", name(from), name(to)))
        .collect();
    assert!(
        wrong.is_empty(),
        "shared modules reach into capabilities:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn capabilities_depend_on_each_other_one_way() {
    let graph = Graph::of_source();
    let mut uses: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (from, to) in graph.edges() {
        if layer(from) == Layer::Capability && layer(to) == Layer::Capability && from[0] != to[0] {
            uses.entry(from[0].as_str())
                .or_default()
                .insert(to[0].as_str());
        }
    }
    let both_ways: Vec<String> = uses
        .iter()
        .flat_map(|(a, used)| used.iter().map(move |b| (*a, *b)))
        .filter(|(a, b)| a < b && uses.get(b).is_some_and(|back| back.contains(a)))
        .map(|(a, b)| format!("{a} <-> {b}"))
        .collect();
    assert!(
        both_ways.is_empty(),
        "capabilities using each other:\n{}",
        both_ways.join("\n")
    );
}

#[test]
fn the_checker_sees_a_loop_a_layer_break_and_a_nested_super() {
    let files = [
        (
            "a.rs",
            "use crate::b::Thing; // crate::c::Not in a comment\n",
        ),
        (
            "b.rs",
            "fn f() { super::a::g(); let s = \"crate::c::x\"; }\n",
        ),
        ("c.rs", "mod ssr { use super::Own; }\n"),
        ("live/mod.rs", "pub mod x;\n"),
        ("live/x.rs", "use super::super::a;\n"),
        ("domain.rs", "use crate::live::{x::Y, Z};\n"),
    ];
    let graph = Graph::of_files(
        files
            .iter()
            .map(|(path, text)| (module_of(Path::new(path)), text.to_string())),
    );
    let edges: Vec<String> = graph
        .edges()
        .map(|(from, to)| format!("{} -> {}", name(from), name(to)))
        .collect();
    assert_eq!(
        edges,
        [
            "a -> b",
            "b -> a",
            "domain -> live",
            "domain -> live/x",
            "live/x -> a"
        ]
    );
    assert_eq!(graph.loops(), ["a -> b -> a"]);
}

#[derive(PartialEq, Eq, Clone, Copy, Debug)]
enum Layer {
    Composition,
    Capability,
    Shared,
}

fn layer(module: &Module) -> Layer {
    let top = module.first().map_or("", String::as_str);
    if COMPOSITION.contains(&top) {
        Layer::Composition
    } else if CAPABILITIES.contains(&top) {
        Layer::Capability
    } else {
        Layer::Shared
    }
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "lib".into()
    } else {
        module.join("/")
    }
}

struct Graph {
    modules: BTreeSet<Module>,
    uses: BTreeMap<Module, BTreeSet<Module>>,
}

impl Graph {
    fn of_source() -> Graph {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        collect_rust_files(&root, &mut files);
        Graph::of_files(files.into_iter().map(|path| {
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            (
                module_of(path.strip_prefix(&root).expect("under src")),
                text,
            )
        }))
    }

    fn of_files(files: impl Iterator<Item = (Module, String)>) -> Graph {
        let files: Vec<(Module, String)> = files.collect();
        let modules: BTreeSet<Module> = files.iter().map(|(module, _)| module.clone()).collect();
        let mut uses: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
        for (module, text) in &files {
            for path in paths_named(module, &tokens(without_tests(text))) {
                if let Some(target) = longest_module(&modules, &path) {
                    let related = target.starts_with(module) || module.starts_with(&target);
                    if !related {
                        uses.entry(module.clone()).or_default().insert(target);
                    }
                }
            }
        }
        Graph { modules, uses }
    }

    fn edges(&self) -> impl Iterator<Item = (&Module, &Module)> {
        self.uses
            .iter()
            .flat_map(|(from, to)| to.iter().map(move |to| (from, to)))
    }

    /// Each loop once, as the files round it.
    fn loops(&self) -> Vec<String> {
        let mut found = BTreeSet::new();
        for start in &self.modules {
            if let Some(mut path) = self.path_back(start) {
                // Name each loop from its smallest member, so it is found once.
                let smallest = path
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, module)| *module)
                    .map_or(0, |(at, _)| at);
                path.rotate_left(smallest);
                path.push(path[0].clone());
                found.insert(path.iter().map(name).collect::<Vec<_>>().join(" -> "));
            }
        }
        found.into_iter().collect()
    }

    /// A shortest way from `start` round to itself, if there is one.
    fn path_back(&self, start: &Module) -> Option<Vec<Module>> {
        let mut came_from: BTreeMap<&Module, &Module> = BTreeMap::new();
        let mut frontier = vec![start];
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for module in frontier {
                for used in self.uses.get(module).into_iter().flatten() {
                    if used == start {
                        let mut path = vec![module.clone()];
                        let mut at = module;
                        while at != start {
                            at = came_from[at];
                            path.push(at.clone());
                        }
                        path.reverse();
                        return Some(path);
                    }
                    if !came_from.contains_key(used) {
                        came_from.insert(used, module);
                        next.push(used);
                    }
                }
            }
            frontier = next;
        }
        None
    }
}

fn collect_rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            collect_rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

/// `live/facilitate.rs` is `["live", "facilitate"]`; `live/mod.rs` is
/// `["live"]`; `lib.rs` is the root, `[]`.
fn module_of(path: &Path) -> Module {
    let mut parts: Module = path
        .with_extension("")
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn longest_module(modules: &BTreeSet<Module>, path: &[String]) -> Option<Module> {
    (0..=path.len())
        .rev()
        .map(|len| path[..len].to_vec())
        .find(|prefix| modules.contains(prefix))
}

/// The file up to its unit tests, which may reach anywhere.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .or_else(|| text.find("#[cfg(all(test"))
        .map_or(text, |at| &text[..at])
}

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    PathSep,
    Open,
    Close,
    Comma,
    Other,
}

/// Words and punctuation, with comments, strings and characters taken out.
fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        let next = chars.get(at + 1).copied();
        match c {
            '/' if next == Some('/') => {
                while at < chars.len() && chars[at] != '\n' {
                    at += 1;
                }
            }
            '/' if next == Some('*') => {
                at += 2;
                while at + 1 < chars.len() && !(chars[at] == '*' && chars[at + 1] == '/') {
                    at += 1;
                }
                at += 2;
            }
            'r' if matches!(next, Some('"' | '#')) => at = after_raw_string(&chars, at + 1),
            '"' => at = after_string(&chars, at + 1),
            '\'' => at = after_char_or_lifetime(&chars, at + 1),
            ':' if next == Some(':') => {
                tokens.push(Token::PathSep);
                at += 2;
            }
            '{' => {
                tokens.push(Token::Open);
                at += 1;
            }
            '}' => {
                tokens.push(Token::Close);
                at += 1;
            }
            ',' => {
                tokens.push(Token::Comma);
                at += 1;
            }
            c if c.is_alphanumeric() || c == '_' => {
                let start = at;
                while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
                    at += 1;
                }
                tokens.push(Token::Word(chars[start..at].iter().collect()));
            }
            c if c.is_whitespace() => at += 1,
            _ => {
                tokens.push(Token::Other);
                at += 1;
            }
        }
    }
    tokens
}

fn after_string(chars: &[char], mut at: usize) -> usize {
    while at < chars.len() && chars[at] != '"' {
        at += if chars[at] == '\\' { 2 } else { 1 };
    }
    at + 1
}

/// After `r`: `"..."` or `#"..."#` with any number of `#`.
fn after_raw_string(chars: &[char], mut at: usize) -> usize {
    let hashes = chars[at..].iter().take_while(|c| **c == '#').count();
    at += hashes;
    if chars.get(at) != Some(&'"') {
        return at; // `r#ident`, not a string
    }
    at += 1;
    while at < chars.len() {
        if chars[at] == '"' && chars[at + 1..].iter().take(hashes).all(|c| *c == '#') {
            return at + 1 + hashes;
        }
        at += 1;
    }
    at
}

/// After `'`: a character literal (`'x'`, `'\n'`) or a lifetime (`'a`).
fn after_char_or_lifetime(chars: &[char], at: usize) -> usize {
    match chars.get(at) {
        Some('\\') => chars[at..]
            .iter()
            .skip(2)
            .position(|c| *c == '\'')
            .map_or(chars.len(), |end| at + 3 + end),
        Some(_) if chars.get(at + 1) == Some(&'\'') => at + 2,
        _ => at,
    }
}

/// Every path into the crate that `module`'s file names, resolved from the
/// crate root. `super` inside an inline `mod x { .. }` means the file's
/// own module first.
fn paths_named(module: &Module, tokens: &[Token]) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    // Brace depths at which inline modules opened.
    let mut inline_modules: Vec<usize> = Vec::new();
    let mut depth: usize = 0;
    let mut at = 0;
    while at < tokens.len() {
        match &tokens[at] {
            Token::Open => depth += 1,
            Token::Close => {
                depth = depth.saturating_sub(1);
                if inline_modules.last() == Some(&depth) {
                    inline_modules.pop();
                }
            }
            Token::Word(word) if word == "mod" => {
                if let (Some(Token::Word(_)), Some(Token::Open)) =
                    (tokens.get(at + 1), tokens.get(at + 2))
                {
                    inline_modules.push(depth);
                }
            }
            Token::Word(word)
                if (word == "crate" || word == "super")
                    && tokens.get(at + 1) == Some(&Token::PathSep)
                    && !matches!(
                        at.checked_sub(1).map(|before| &tokens[before]),
                        Some(Token::PathSep)
                    ) =>
            {
                let mut base: Vec<String> = Vec::new();
                if word == "super" {
                    let mut ups: usize = 0;
                    while tokens.get(at) == Some(&Token::Word("super".into()))
                        && tokens.get(at + 1) == Some(&Token::PathSep)
                    {
                        ups += 1;
                        at += 2;
                    }
                    // The first supers leave inline modules, the rest the file's module.
                    let out_of_file = ups.saturating_sub(inline_modules.len());
                    base = module[..module.len().saturating_sub(out_of_file)].to_vec();
                } else {
                    at += 2;
                }
                at = read_path(tokens, at, base, &mut paths);
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    paths
}

/// Reads `a::b::{c, d::e}` from `at`, adding each whole path under
/// `prefix`; returns where it ended.
fn read_path(
    tokens: &[Token],
    mut at: usize,
    mut prefix: Vec<String>,
    paths: &mut Vec<Vec<String>>,
) -> usize {
    loop {
        match tokens.get(at) {
            Some(Token::Word(word)) => {
                prefix.push(word.clone());
                at += 1;
                if tokens.get(at) == Some(&Token::PathSep) {
                    at += 1;
                    continue;
                }
                paths.push(prefix);
                return at;
            }
            Some(Token::Open) => {
                at += 1;
                while let Some(token) = tokens.get(at) {
                    match token {
                        Token::Close => return at + 1,
                        Token::Comma => at += 1,
                        _ => at = read_path(tokens, at, prefix.clone(), paths).max(at + 1),
                    }
                }
                return at;
            }
            _ => {
                paths.push(prefix);
                return at;
            }
        }
    }
}
