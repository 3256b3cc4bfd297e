//! Bar charts as inline SVG, drawn at build time: no script, no library at view time. Each
//! chart carries a title and a description for screen readers; the page follows it with
//! its data table.

use crate::render::escape_html;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar stands for.
    pub label: String,
    /// Its length, in the chart's unit.
    pub value: f64,
    /// The value as written next to the bar ("44,5%", "12").
    pub text: String,
}

const WIDTH: f64 = 640.0;
const LABEL: f64 = 230.0;
const ROW: f64 = 26.0;
const BAR_AREA: f64 = WIDTH - LABEL - 70.0;

/// A horizontal bar chart; `max` is the value of a full-length bar.
pub fn bar_chart(id: &str, title: &str, description: &str, bars: &[Bar], max: f64) -> String {
    let height = ROW * bars.len() as f64 + 8.0;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape_html(title),
        escape_html(description)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let len = if max > 0.0 { (b.value / max).clamp(0.0, 1.0) * BAR_AREA } else { 0.0 };
        let label: String = if b.label.chars().count() > 32 {
            b.label.chars().take(31).chain(std::iter::once('…')).collect()
        } else {
            b.label.clone()
        };
        svg.push_str(&format!(
            "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1b1b1b\">{}</text>\
<rect x=\"{LABEL}\" y=\"{:.0}\" width=\"{len:.1}\" height=\"{:.0}\" fill=\"#1d5fa8\"></rect>\
<text x=\"{:.1}\" y=\"{:.0}\" font-size=\"13\" fill=\"#1b1b1b\">{}</text>",
            LABEL - 8.0,
            y + 16.0,
            escape_html(&label),
            y + 3.0,
            ROW - 8.0,
            LABEL + len + 6.0,
            y + 16.0,
            escape_html(&b.text),
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_and_text_is_escaped() {
        let bars = [
            Bar { label: "Xã <A>".into(), value: 50.0, text: "50%".into() },
            Bar { label: "Phường B".into(), value: 100.0, text: "100%".into() },
        ];
        let svg = bar_chart("c1", "Tỷ lệ", "Mô tả", &bars, 100.0);
        assert!(svg.contains("Xã &lt;A&gt;"));
        assert!(svg.contains(&format!("width=\"{:.1}\"", BAR_AREA / 2.0)));
        assert!(svg.contains(&format!("width=\"{BAR_AREA:.1}\"")));
        assert!(svg.contains("aria-labelledby=\"c1-t c1-d\""));
    }
}
