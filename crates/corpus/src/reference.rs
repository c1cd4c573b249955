//! The shared reference files (`../shared/reference` beside the workspace): where they are,
//! staging their schemas where xmllint can load them, and the corpus built from their examples.

use std::fs;
use std::path::{Path, PathBuf};

use iwmo_xsd::SchemaSet;

use crate::mutate::{mutations, Mutant};

/// The reference folders with example messages, in corpus order.
const FOLDERS: [&str; 2] = ["iwmo-3.2", "ijw-3.2"];

/// `<workspace root>/../shared/reference`, the reference XSDs and example messages every
/// developer and CI run has beside the project. Not checked for existence.
pub fn reference_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    // crates/corpus → crates → the workspace root. The fallback only matters if the crate is
    // moved out of `crates/`, and then the path simply does not exist.
    let root = manifest.parent().and_then(Path::parent).unwrap_or(manifest);
    root.join("..").join("shared").join("reference")
}

/// A reference schema folder copied into a temporary directory, with a lower-case
/// `basisschema.xsd` beside `Basisschema.xsd`: the message XSDs import `basisschema.xsd`, and
/// on a case-sensitive file system xmllint finds nothing else. Removed when dropped.
#[derive(Debug)]
pub struct StagedSchemas {
    dir: tempfile::TempDir,
}

impl StagedSchemas {
    /// Stage the `.xsd` files of `folder` (for example `reference_dir().join("iwmo-3.2")`).
    ///
    /// # Panics
    /// When the folder cannot be read or the temporary directory written: test setup is broken.
    pub fn new(folder: impl AsRef<Path>) -> StagedSchemas {
        let folder = folder.as_ref();
        let dir = tempfile::Builder::new()
            .prefix("iwmo-schemas-")
            .tempdir()
            .unwrap_or_else(|e| panic!("cannot create a temporary directory: {e}"));
        let entries = fs::read_dir(folder).unwrap_or_else(|e| {
            panic!(
                "cannot read reference schemas in {}: {e} (is ../shared/reference present?)",
                folder.display()
            )
        });
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()))
                .path();
            let is_xsd = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xsd"));
            let Some(file_name) = path.file_name().filter(|_| is_xsd) else {
                continue;
            };
            let mut targets = vec![dir.path().join(file_name)];
            if file_name.eq_ignore_ascii_case("basisschema.xsd") {
                targets.push(dir.path().join("basisschema.xsd"));
            }
            for target in targets {
                if !target.exists() {
                    fs::copy(&path, &target).unwrap_or_else(|e| {
                        panic!(
                            "cannot copy {} to {}: {e}",
                            path.display(),
                            target.display()
                        )
                    });
                }
            }
        }
        StagedSchemas { dir }
    }

    /// The staged copy of schema file `name` (for example `WMO305.xsd`).
    pub fn xsd(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The temporary directory holding the staged schemas.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

/// One reference example message and the schema it belongs to.
#[derive(Debug, Clone)]
pub struct Example {
    /// The reference folder, `iwmo-3.2` or `ijw-3.2`.
    pub folder: &'static str,
    /// The example's file name, `WMO305.xml`.
    pub file: String,
    /// The file name of its schema in the same folder, `WMO305.xsd`.
    pub xsd: String,
    /// The document.
    pub xml: String,
}

/// Every reference example: `iwmo-3.2/*.xml` then `ijw-3.2/*.xml`, each sorted by name. Each
/// `NAME.xml` is validated against `NAME.xsd` in the same folder.
///
/// # Panics
/// When a reference folder or example cannot be read, or an example has no schema beside it.
pub fn reference_examples() -> Vec<Example> {
    let mut out = Vec::new();
    for folder in FOLDERS {
        let dir = reference_dir().join(folder);
        let entries = fs::read_dir(&dir).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e} (the reference files belong at ../shared/reference)",
                dir.display()
            )
        });
        let mut files: Vec<PathBuf> = entries
            .map(|e| {
                e.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                    .path()
            })
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
            .collect();
        files.sort();
        for path in files {
            let xml = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let file = file_name(&path);
            let xsd = path.with_extension("xsd");
            assert!(
                xsd.is_file(),
                "example {} has no schema {}",
                path.display(),
                xsd.display()
            );
            out.push(Example {
                folder,
                file,
                xsd: file_name(&xsd),
                xml,
            });
        }
    }
    out
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The documents of one reference example: the example itself, then its mutants.
#[derive(Debug, Clone)]
pub struct Group {
    /// The example's file name, `WMO305.xml`.
    pub example: String,
    /// The staged schema to validate against (loadable by xmllint and by `iwmo-xsd`).
    pub xsd: PathBuf,
    /// `docs[0]` is the unmodified example (named after its file); the rest are its mutants.
    pub docs: Vec<Mutant>,
}

/// The full differential corpus: every reference example with its mutants, and the staged
/// schemas they are validated against (kept alive as long as the corpus).
#[derive(Debug)]
pub struct Corpus {
    /// One group per reference example, in [`reference_examples`] order.
    pub groups: Vec<Group>,
    /// Keeps the temporary schema directories alive.
    _staged: Vec<StagedSchemas>,
}

impl Corpus {
    /// The number of documents, originals included.
    pub fn len(&self) -> usize {
        self.groups.iter().map(|g| g.docs.len()).sum()
    }

    /// Whether there are no documents at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Stage the reference schemas and build the corpus: each reference example followed by all
/// its [`mutations`], with the facets taken from the example's schema as `iwmo-xsd` compiles it.
///
/// # Panics
/// When the reference files cannot be read or a reference schema does not load.
pub fn reference_corpus() -> Corpus {
    let examples = reference_examples();
    let staged: Vec<(&str, StagedSchemas)> = FOLDERS
        .iter()
        .map(|&f| (f, StagedSchemas::new(reference_dir().join(f))))
        .collect();
    let mut groups = Vec::new();
    for example in examples {
        let Some((_, stage)) = staged.iter().find(|(f, _)| *f == example.folder) else {
            continue;
        };
        let xsd = stage.xsd(&example.xsd);
        let schemas = SchemaSet::load([&xsd])
            .unwrap_or_else(|e| panic!("reference schema {} does not load: {e}", xsd.display()));
        let mutants = mutations(&example.file, &example.xml, &|path| {
            schemas.leaf_facets(path)
        });
        let mut docs = Vec::with_capacity(mutants.len() + 1);
        docs.push(Mutant {
            name: example.file.clone(),
            xml: example.xml,
        });
        docs.extend(mutants);
        groups.push(Group {
            example: example.file,
            xsd,
            docs,
        });
    }
    Corpus {
        groups,
        _staged: staged.into_iter().map(|(_, s)| s).collect(),
    }
}
