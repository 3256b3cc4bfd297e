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

// A phone-first layout: each bar has its label and value on a line above it, so the chart is
// narrow enough for a 320 px screen without scrolling or cutting labels, and scales up.
const WIDTH: f64 = 320.0;
const ROW: f64 = 36.0;
const BAR: f64 = 10.0;
/// Characters of a label kept before "…" (the value's text shares the line).
const LABEL_CHARS: usize = 30;

/// A horizontal bar chart; `max` is the value of a full-length bar.
pub fn bar_chart(id: &str, title: &str, description: &str, bars: &[Bar], max: f64) -> String {
    let height = ROW * bars.len() as f64 + 4.0;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape_html(title),
        escape_html(description)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 2.0 + ROW * i as f64;
        let len = if max > 0.0 { (b.value / max).clamp(0.0, 1.0) * WIDTH } else { 0.0 };
        let label: String = if b.label.chars().count() > LABEL_CHARS {
            b.label.chars().take(LABEL_CHARS - 1).chain(std::iter::once('…')).collect()
        } else {
            b.label.clone()
        };
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.0}\" font-size=\"13\" fill=\"#1b1b1b\">{}</text>\
<text x=\"{WIDTH}\" y=\"{:.0}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1b1b1b\">{}</text>\
<rect x=\"0\" y=\"{:.0}\" width=\"{WIDTH}\" height=\"{BAR}\" fill=\"#e3e8ef\"></rect>\
<rect x=\"0\" y=\"{:.0}\" width=\"{len:.1}\" height=\"{BAR}\" fill=\"#1d5fa8\"></rect>",
            y + 13.0,
            escape_html(&label),
            y + 13.0,
            escape_html(&b.text),
            y + 19.0,
            y + 19.0,
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
        assert!(svg.contains(&format!("width=\"{:.1}\"", WIDTH / 2.0)));
        assert!(svg.contains(&format!("width=\"{WIDTH:.1}\"")));
        // Each bar's value stands on its own line, right-aligned, not after the bar.
        assert!(svg.contains("text-anchor=\"end\" font-size=\"13\" fill=\"#1b1b1b\">50%</text>"));
        assert!(svg.contains("aria-labelledby=\"c1-t c1-d\""));
    }
}
