//! `/feed.xml`: an Atom feed of newly approved reports and new decisions, newest first.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{FixedOffset, NaiveTime};

use crate::calendar::Date;
use crate::content::school::DecisionKind;
use crate::site::Site;
use crate::text::slugify;

/// Entries in the feed at most.
const MAX_ENTRIES: usize = 100;

/// Midnight of `d` in Vietnam (UTC+7), the zone of the decisions' dates.
fn at(d: Date) -> FixedDateTime {
    let zone = FixedOffset::east_opt(7 * 3600).expect("valid offset");
    d.and_time(NaiveTime::MIN).and_local_timezone(zone).single().expect("a fixed offset has no gaps")
}

fn entry(id: String, title: String, updated: Date, url: String, summary: String) -> (Date, String, Entry) {
    let mut e = Entry::default();
    e.set_id(id.clone());
    e.set_title(Text::plain(title));
    e.set_updated(at(updated));
    let mut link = Link::default();
    link.set_href(url);
    link.set_rel("alternate");
    e.set_links(vec![link]);
    e.set_summary(Some(Text::plain(summary)));
    (updated, id, e)
}

/// The feed document.
pub fn feed(site: &Site<'_>) -> String {
    let config = &site.content.config;
    let base = &config.base_url;
    // Every report and decision is a candidate, but only the newest make entries: a national
    // site has some 180,000 candidates and the feed keeps 100.
    enum Source {
        Report(usize, usize),
        Decision(usize, usize),
    }
    let mut candidates: Vec<(Date, String, Source)> = Vec::new();
    for (i, e) in site.schools.iter().enumerate() {
        let s = e.school;
        for (j, r) in e.reports.iter().enumerate().filter(|(_, r)| r.report.is_approved()) {
            let Some(on) = r.report.approved_on.as_ref().map(|d| d.value) else { continue };
            candidates.push((on, format!("{base}/{}", r.url(s)), Source::Report(i, j)));
        }
        for (j, d) in s.decisions.iter().enumerate() {
            let id = format!("{base}/{}#quyet-dinh-{}", e.url(), slugify(&d.number));
            candidates.push((d.decided.value, id, Source::Decision(i, j)));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    candidates.truncate(MAX_ENTRIES);
    let entries: Vec<(Date, String, Entry)> = candidates
        .into_iter()
        .map(|(on, id, source)| match source {
            Source::Report(i, j) => {
                let (e, r) = (&site.schools[i], &site.schools[i].reports[j]);
                let level =
                    r.judgement.level.map_or_else(|| "chưa đủ kết quả".to_owned(), |l| r.framework.school_label(l));
                entry(
                    id.clone(),
                    format!("{}: báo cáo tự đánh giá năm học {} ({level})", e.school.name, r.report.year),
                    on,
                    id,
                    format!(
                        "Báo cáo theo {} được phê duyệt ngày {}.",
                        r.framework.short_name(),
                        crate::calendar::format_vi(on)
                    ),
                )
            }
            Source::Decision(i, j) => {
                let (e, d) = (&site.schools[i], &site.schools[i].school.decisions[j]);
                let what = match d.kind {
                    DecisionKind::Accreditation => {
                        format!("đạt kiểm định chất lượng giáo dục cấp độ {}", d.level.value)
                    }
                    DecisionKind::NationalStandard => format!("đạt chuẩn quốc gia mức độ {}", d.level.value),
                };
                entry(
                    id,
                    format!("{}: công nhận {what}", e.school.name),
                    on,
                    format!("{base}/{}", e.url()),
                    format!(
                        "Quyết định số {} ngày {}, hiệu lực đến {}.",
                        d.number,
                        crate::calendar::format_vi(on),
                        crate::calendar::format_vi(d.valid_until.value)
                    ),
                )
            }
        })
        .collect();
    let mut f = Feed::default();
    f.set_id(format!("{base}/"));
    f.set_title(Text::plain(config.title.clone()));
    f.set_updated(at(entries.first().map_or(config.build_date, |e| e.0)));
    let mut author = Person::default();
    author.set_name(config.authority.clone());
    f.set_authors(vec![author]);
    let mut site_link = Link::default();
    site_link.set_href(format!("{base}/"));
    let mut self_link = Link::default();
    self_link.set_href(format!("{base}/feed.xml"));
    self_link.set_rel("self");
    f.set_links(vec![site_link, self_link]);
    f.set_lang(Some(config.language.clone()));
    f.set_entries(entries.into_iter().map(|e| e.2).collect::<Vec<_>>());
    f.to_string()
}
