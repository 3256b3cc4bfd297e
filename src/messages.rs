//! The words of every finding, in Vietnamese (the default) and English, from one catalog per
//! language: `locales/vi.ftl` and `locales/en.ftl` ([Fluent](https://projectfluent.org/)
//! syntax), embedded at compile time.
//!
//! A finding carries a [`Message`]: a catalog key and its arguments, not text. It is turned
//! into words only where it is printed, in the language the user asked for ([`Lang`]), so
//! that loading and checking stay language-free and no process-wide locale is shared by
//! parallel work.
//!
//! To add a message: write `msg!("my-key", name = value)` where the finding is made, and add
//! `my-key = … { $name } …` to **both** catalogs (a unit test fails when a key or an argument
//! is missing from one of them or is used in the code but absent from the catalogs).

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// The language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// `vi` or `en` (also `vi-VN`, `en_US`, case-insensitive); `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        match s.get(..2) {
            Some("vi") if s.len() == 2 || s[2..].starts_with(['-', '_']) => Some(Lang::Vi),
            Some("en") if s.len() == 2 || s[2..].starts_with(['-', '_']) => Some(Lang::En),
            _ => None,
        }
    }

    /// The language asked for: `--lang` if given, else `MINHBACH_LANG`, else Vietnamese.
    /// `LANG`/`LC_ALL` are deliberately not read: CI machines say `C` or `en_US`, and the
    /// staff of a Sở must still read Vietnamese.
    pub fn choose(flag: Option<Lang>) -> Lang {
        flag.or_else(|| std::env::var("MINHBACH_LANG").ok().as_deref().and_then(Lang::parse)).unwrap_or_default()
    }

    fn source(self) -> (&'static str, &'static str) {
        match self {
            Lang::Vi => ("vi", include_str!("../locales/vi.ftl")),
            Lang::En => ("en", include_str!("../locales/en.ftl")),
        }
    }

    fn bundle(self) -> &'static FluentBundle<FluentResource> {
        static VI: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
        static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
        let cell = match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        };
        cell.get_or_init(|| {
            let (tag, text) = self.source();
            let resource = FluentResource::try_new(text.to_owned()).expect("the catalog is valid Fluent (unit test)");
            let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().expect("a valid language tag")]);
            // No invisible isolation marks around arguments: messages go to terminals and logs.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).expect("no key twice in a catalog (unit test)");
            bundle
        })
    }
}

/// What a finding says: a key of the catalogs and the values of its arguments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    /// The catalog key, e.g. `results-missing`.
    pub key: &'static str,
    /// Named arguments: text (numbers, codes, paths, titles) or other messages, which are put
    /// into words in the same language as this one.
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of a [`Message`] argument.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Text written the same in every language (a number, a code, a path, a title).
    Text(String),
    /// A sentence of the catalogs, e.g. the reason an SVG could not be read.
    Message(Message),
    /// Sentences of the catalogs, joined with ", " (e.g. the criteria that miss a level).
    List(Vec<Message>),
}

impl Arg {
    fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(t) => t.clone(),
            Arg::Message(m) => m.render(lang),
            Arg::List(list) => list.iter().map(|m| m.render(lang)).collect::<Vec<_>>().join(", "),
        }
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Message(m)
    }
}

impl From<Vec<Message>> for Arg {
    fn from(list: Vec<Message>) -> Arg {
        Arg::List(list)
    }
}

impl Message {
    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let bundle = lang.bundle();
        let Some(pattern) = bundle.get_message(self.key).and_then(|m| m.value()) else {
            // Only a key missing from a catalog gets here, which a unit test rules out.
            return self.key.to_owned();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            args.set(*name, value.render(lang));
        }
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned()
    }
}

impl std::fmt::Display for Message {
    /// In Vietnamese, the default language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::Vi))
    }
}

/// A [`Message`]: `msg!(key, name = value, other => message, …)` with the key as a string
/// literal. `name = value` writes the value with `to_string()` (the same in every language);
/// `name => m` takes a [`Message`] or a `Vec<Message>`, put into words in the language of the
/// whole message.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident $sep:tt $value:expr)* $(,)?) => {
        $crate::messages::Message { key: $key, args: vec![$((stringify!($name), $crate::msg!(@arg $sep $value))),*] }
    };
    (@arg = $value:expr) => {
        $crate::messages::Arg::Text(($value).to_string())
    };
    (@arg => $value:expr) => {
        $crate::messages::Arg::from($value)
    };
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    /// Every key of a catalog with the names of the arguments its text uses.
    fn keys(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        let (_, text) = lang.source();
        let res = fluent_syntax::parser::parse(text).unwrap_or_else(|(_, e)| panic!("{lang:?} catalog: {e:?}"));
        let mut out = BTreeMap::new();
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                for el in m.value.iter().flat_map(|p| &p.elements) {
                    if let ast::PatternElement::Placeable { expression } = el {
                        collect_vars(expression, &mut vars);
                    }
                }
                assert!(out.insert(m.id.name.to_owned(), vars).is_none(), "{lang:?}: {} twice", m.id.name);
            }
        }
        out
    }

    fn collect_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                vars.insert(id.name.to_owned());
            }
            ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => collect_vars(expression, vars),
            ast::Expression::Select { selector, variants } => {
                collect_vars(&ast::Expression::Inline(selector.clone()), vars);
                for v in variants {
                    for el in &v.value.elements {
                        if let ast::PatternElement::Placeable { expression } = el {
                            collect_vars(expression, vars);
                        }
                    }
                }
            }
            ast::Expression::Inline(_) => {}
        }
    }

    #[test]
    fn both_catalogs_have_the_same_keys_and_arguments() {
        let (vi, en) = (keys(Lang::Vi), keys(Lang::En));
        assert_eq!(vi.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        for (k, args) in &vi {
            assert_eq!(args, &en[k], "the arguments of {k} differ between vi.ftl and en.ftl");
        }
    }

    #[test]
    fn every_key_used_in_the_code_is_in_the_catalogs_with_its_arguments() {
        let vi = keys(Lang::Vi);
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut used = 0;
        for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for call in text.split("msg!(\"").skip(1) {
                let key = call.split('"').next().unwrap();
                if key == "my-key" || key == "test-hello" {
                    continue; // the example in this module's documentation; the test's own key
                }
                let Some(args) = vi.get(key) else { panic!("{}: key {key} is in no catalog", entry.path().display()) };
                // The arguments given, up to the closing parenthesis of the call.
                let call = &call[key.len() + 1..];
                let end = call.find(");").or_else(|| call.find(")\n")).unwrap_or(call.len());
                let given: BTreeSet<String> = call[..end]
                    .split(',')
                    .filter_map(|a| a.split_once('=').map(|(n, _)| n.trim().to_owned()))
                    .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                    .collect();
                for a in args {
                    assert!(given.contains(a), "{}: msg!(\"{key}\") lacks argument {a}", entry.path().display());
                }
                used += 1;
            }
        }
        assert!(used > 50, "only {used} messages found: is the scan still right?");
    }

    #[test]
    fn arguments_are_filled_in_without_isolation_marks() {
        let m = msg!("test-hello", name = "Đinh Bộ Lĩnh", n = 3);
        assert_eq!(m.render(Lang::Vi), "Xin chào Đinh Bộ Lĩnh (3)");
        assert_eq!(m.render(Lang::En), "Hello Đinh Bộ Lĩnh (3)");
    }

    #[test]
    fn a_message_argument_is_put_into_words_in_the_language_of_the_whole() {
        let inner = msg!("test-hello", name = "An", n = 1);
        let m = msg!("test-hello", name => vec![inner.clone(), inner.clone()], n => inner);
        assert_eq!(m.render(Lang::Vi), "Xin chào Xin chào An (1), Xin chào An (1) (Xin chào An (1))");
        assert_eq!(m.render(Lang::En), "Hello Hello An (1), Hello An (1) (Hello An (1))");
    }

    #[test]
    fn the_language_is_chosen_from_the_flag_then_the_environment() {
        assert_eq!(Lang::parse("EN_us"), Some(Lang::En));
        assert_eq!(Lang::parse("vi"), Some(Lang::Vi));
        assert_eq!(Lang::parse("env"), None);
        assert_eq!(Lang::choose(Some(Lang::En)), Lang::En);
    }
}
