# minhbach's messages in English (`--lang en` or MINHBACH_LANG=en), Fluent syntax
# (https://projectfluent.org/). Every key has exactly one Vietnamese version in vi.ftl, with the
# same { $arguments }. To add a message: write msg!("new-key", name = value) in the code (or
# name => another_message to nest a message of the catalogs), then add `new-key = …` to both
# files (a unit test compares the two files with each other and with the code). Each message
# says what is wrong and how to fix it; Vietnamese terms of the regulation (Mức, Thông tư,
# Danh mục minh chứng) stay as staff read them in their documents.

test-hello = Hello { $name } ({ $n })

## Reading content: school.toml, config.toml, reports, pages (src/content/, src/calendar.rs)
toml-syntax = this is not valid TOML: { $reason }. Check quotes around text, `=` between key and value, and [[…]] headers
toml-type-string = text in quotes
toml-type-integer = a whole number
toml-type-float = a decimal number
toml-type-boolean = true/false
toml-type-datetime = a date or time
toml-type-array = a list [ … ]
toml-type-table = a table
toml-type-other = a { $name }
field-type-text = `{ $key }` in { $what } must be text in quotes, not { $found }
field-type-integer = `{ $key }` in { $what } must be a whole number without quotes, not { $found }
field-type-bool = `{ $key }` in { $what } must be true or false, not { $found }
field-type-date = `{ $key }` in { $what } must be a date like 2025-06-15, not { $found }
field-type-table-item = `{ $key }` in { $what } must be a table written [[key]], not { $found }
field-type-table-list = `{ $key }` in { $what } must be a list of tables written [[key]], not { $found }
field-type-table = `{ $key }` in { $what } must be a table, not { $found }
field-missing = { $what } has no `{ $key }`: add a line `{ $key } = { $hint }`
field-empty = `{ $key }` in { $what } is empty: write the value or delete the line
field-range = `{ $key }` in { $what } must be between { $lo } and { $hi }: write a number in that range
field-date-quoted = `{ $key }` in { $what } must be a date without quotes, like { $key } = 2025-06-15 (found "{ $found }")
field-date-impossible = `{ $key }` in { $what } is not a real calendar date: write it as YYYY-MM-DD
unknown-key-typo = `{ $key }` is not a key of { $what }; it is ignored. Did you mean `{ $closest }`?
unknown-key = `{ $key }` is not a key of { $what }; it is ignored. Known keys: { $known }.
source-date-epoch = SOURCE_DATE_EPOCH={ $value } is not a number of seconds since 1970; unset it or fix it
config-base-url = base_url { $value } must be an absolute address starting with https:// (it may end with a path)
config-theme = theme { $value } must be a folder name of letters, digits and -
file-unreadable = the file cannot be read ({ $error }); check that it exists and is readable
encoding-legacy = the text looks like { $encoding } read as UTF-8 ("{ $sample }…"): convert the file to Unicode (UTF-8) with the command minhbach fix-encoding and this file's name (try it first with --dry-run), or with Unikey's converter, then run minhbach check again
encoding-utf8 = the file is not UTF-8: open it in a text editor and save it with the encoding "UTF-8"
fix-encoding-converted = { $file }: converted from { $encoding } to Unicode (UTF-8), { $lines } lines changed
fix-encoding-would-convert = { $file }: would convert from { $encoding } to Unicode (UTF-8), { $lines } lines changed (dry run, nothing written):
fix-encoding-more-lines = … and { $lines } more lines
fix-encoding-already-unicode = { $file }: the file is already Unicode Vietnamese; not converted (converting again would spoil its marks)
fix-encoding-nothing = { $file }: no text typed in TCVN3 or VNI found; not converted
fix-encoding-unknown = { $file }: the file is neither UTF-8 nor TCVN3 nor VNI; not converted: open it in a text editor and save it with the encoding "UTF-8"
fix-encoding-unreadable = { $file }: the file cannot be read ({ $error })
fix-encoding-unwritable = { $file }: the file cannot be written ({ $error }); the old file is unchanged
fix-encoding-failed = { $failed } of { $files } files were not converted (see above).
school-dir-symlink = this school folder is a symbolic link, which may point outside the site's folder, so it is not read: copy the real folder here instead
school-slug = the folder name { $slug } is the school's address on the site and may only use a-z, 0-9 and -: rename it to { $suggestion }
school-toml-missing = this school folder has no school.toml: create it with id, name, level and commune (minhbach new school <slug>)
attachment-symlink = this attachment is a symbolic link, which may point outside the school's folder: copy the real file here instead
attachment-sanitised = this SVG image holds what could run a script or load something from elsewhere; the portal publishes it only without: { $removed }. Export the drawing again without them to silence this warning
page-slug = a page's file name is its address and may only use a-z, 0-9 and -: rename it to { $suggestion }.md
school-id-number = `id` must be text in quotes so that leading zeros are kept: write id = "{ $id }"
school-name-empty = `name` is empty: write the school's full official name
province-merged = `{ $written }` is no longer a province since 1 July 2025: it was merged into { $into } (Resolution 202/2025/QH15), so the school is counted under { $into }. Write province = "{ $into }"
school-commune-empty = `commune` is empty: write the xã/phường of the school
keyword-unknown = `{ $key }` = { $value } is not known: write one of { $allowed }
page-front-matter = a page must start with front matter: a line +++, title = "…", then a line +++
front-matter-open = the front matter is not closed: add a line with only +++ after the last key
front-matter-missing = the report must start with front matter: a line +++, the keys (status, approved_on, claimed_level, [results]), then a line +++
status-unknown = status = { $value } is not known: write status = "draft" or status = "approved"
status-missing = the front matter has no `status`: add status = "draft" or status = "approved"
result-no-level = the result of criterion { $criterion } has no level: write {"{"} level = 1, note = "…" {"}"}
result-type = the result of criterion { $criterion } must be a level number ("{ $criterion }" = 2) or {"{"} level = 2, note = "…" {"}"}, not { $found }
school-year-format = { $what } { $value }: a school year is written YYYY-YYYY, e.g. 2024-2025
school-year-consecutive = { $what } { $value }: the second year must be the first plus one, e.g. 2024-2025
report-filename = a report file is named after its school year, like 2024-2025.md (the second year is the first plus one): rename `{ $file }`

## Attachments (src/content/attachment.rs)
attachment-extension = the extension .{ $ext } is not a type the portal publishes: publish PDF, Office/OpenDocument, PNG/JPEG/GIF/WebP, SVG or ZIP (this file is not published)
attachment-no-extension = the file has no extension, so its type is unknown: publish PDF, Office/OpenDocument, PNG/JPEG/GIF/WebP, SVG or ZIP (this file is not published)
attachment-unreadable = the file cannot be read (the system says: { $error }), so it is not published: check that it opens and may be read, then run again
attachment-opendocument = this file is named .{ $ext } but it says it is { $found }, not an { $label } file: save it again from the office program as .{ $ext } (this file is not published)
attachment-html = this file is named .{ $ext } but its bytes are HTML (a web page), which would run on the portal: save it again as a real { $label } file (this file is not published)
attachment-bytes-other = this file is named .{ $ext } but its bytes are { $what }: save it again as a real { $label } file (this file is not published)
attachment-bytes-not = this file is named .{ $ext } but its bytes are not { $label }: save it again as a real { $label } file (this file is not published)
attachment-svg-html = this file is named .svg but its bytes are HTML (a web page), which would run on the portal: export the drawing again as SVG (this file is not published)
attachment-svg-malformed = this file is named .svg but it is not a well-formed SVG image ({ $why }): export the drawing again as SVG (this file is not published)

svg-not-utf8 = it is not UTF-8 text (byte { $byte })
svg-xml-at = an XML syntax error at byte { $byte }: { $error }
svg-xml = an XML syntax error: { $error }
svg-two-roots = it has more than one root element
svg-root-not-svg = its root element is <{ $name }>, not <svg>
svg-text-outside = it has text outside the <svg> element
svg-encoding = it declares the encoding { $encoding }, not UTF-8
svg-unfinished = it ends before its </svg>
svg-no-root = it has no <svg> element
## Reports, decisions, results and levels (src/check/reports.rs, decisions.rs, mod.rs; src/regulation/level.rs)
decision-level-accreditation = level = { $level } is impossible for an accreditation cấp độ: write a level from 1 to 4
decision-level-national = level = { $level } is impossible for a national standard mức độ: write a level from 1 to 2
decision-valid-before = valid_until { $valid_until } is before the decision date { $decided }: correct one of the two dates
decision-future = decided = { $decided } is after the build date { $today }: a decision cannot be dated in the future; check the year
decision-after-57 = an accreditation decided on { $decided } cannot exist: Circular 57/2026 ended accreditation levels on { $end }. If this is a national-standard recognition, write it under [[national_standard]]
decision-expiring = decision { $decision } expires on { $until } (within { $days } days of { $today }): the school must register for a new evaluation
decision-inconsistent = national standard mức độ { $level } of { $decided } has no accreditation of cấp độ { $needed } or higher in force that day: add the accreditation decision or check the dates
approved-on-missing = an approved report needs the date of approval: add approved_on = YYYY-MM-DD
approved-on-future = approved_on = { $approved_on } is after the build date { $today }: check the date
framework-unknown = framework { $framework } is not known: delete the line to use the default, or write one of { $known }
framework-not-applicable = framework { $framework } does not apply to a { $level } school in school year { $year }: delete the line to use the default
framework-date = framework { $framework } was no longer in force on { $date } (until { $until }): check that the old text was meant
framework-no-era = no framework covers school year { $year }: check the school year in the file name and the school's level
framework-no-level = { $era } has no framework for a { $level } school: check the school year in the file name and the school's level
report-late = the self-assessment report was approved on { $approved_on }, after the deadline { $deadline } set by { $framework }: check approved_on; if that date is right there is nothing to fix, this warning only records the late approval
level4-none = { $framework } has no Mức 4 criteria: delete the [level4] table
level-missing = an approved report needs the level concluded by the council: add claimed_level = 0..{ $max }
level-outside = claimed_level = { $claimed } is outside 0..{ $max } of { $framework }: write the level the self-assessment council concluded, from 0 to { $max }
level-mismatch = claimed_level = { $claimed } but the results of the criteria give "{ $computed }". { $why }. Correct the results or set claimed_level = { $level }
level-mismatch-plain = claimed_level = { $claimed } but the results of the criteria give "{ $computed }": correct the results or set claimed_level = { $level }
shortfall = { $rule }: { $failing }
shortfall-every-capped = Mức { $level } needs every criterion at Mức { $at_least } (or the highest level the criterion defines)
shortfall-every = Mức { $level } needs every criterion at Mức { $at_least } at least
shortfall-mandatory = Mức { $level } needs all { $mandatory } mandatory criteria at Mức { $at_least }
shortfall-others = Mức { $level } needs at least { $count } of the other { $others } criteria at Mức { $at_least }; { $reaching } are
shortfall-level4 = Mức { $level } needs all { $count } Mức 4 criteria met
shortfall-criterion-not-met = criterion { $criterion } is not met
shortfall-criterion-only = criterion { $criterion } reaches only Mức { $level }
shortfall-level4-item = Mức 4 criterion { $number } is not met
results-unknown = { $framework } has no criterion "{ $criterion }": delete this line or correct the number
results-repealed = criterion { $criterion } = { $level }: { $circular } repealed Mức { $level } of this criterion, so the result counts as Mức { $counted }: write "{ $criterion }" = { $counted }
results-range = criterion { $criterion } = { $level } is out of range: it can reach 0 (không đạt) to { $max }
results-missing = no result for criteria { $criteria } of { $framework }: add a line "N.M" = level for each
level4-unknown = { $framework } has Mức 4 criteria 1 to { $count }, not "{ $item }": correct the number or delete this line
duplicate-id = id { $id } is also used by { $others }: each school needs its own mã trường

## Structure, links, evidence (src/check/structure.rs, links.rs, evidence.rs, placeholders.rs)
structure-standard-unknown = { $framework } has no Tiêu chuẩn { $standard }: correct the number in this heading
structure-criterion-unknown = { $framework } has no Tiêu chí { $criterion }: correct the number or remove this section
structure-misplaced = Tiêu chí { $criterion } is written under Tiêu chuẩn { $under }: move it under the heading Tiêu chuẩn { $standard }
structure-duplicate = the heading { $heading } appears twice (first on line { $line }): merge the two sections
section-missing-standard = this standard has narrative but no section { $sections }: add the heading(s) under it
section-missing-criterion = this criterion has narrative but no section { $sections }: add the heading(s) under it
link-script = the link to { $dest } runs a script and is removed from the page: link to a web address instead
image-script = the image { $dest } runs a script and is removed from the page: use an image file under files/ or a web address instead
link-escape = the link { $dest } leaves the school's folder: put the file in files/ and write files/<name>, or link to /truong/<slug>/
image-escape = the image { $dest } leaves the school's folder: put the file in files/ and write files/<name>
attachment-missing = files/{ $name } does not exist in content/schools/{ $slug }/files/: add the file or correct the name
school-link-unknown = no school has the folder { $slug }: correct the link /truong/<slug>/
link-nowhere = the link { $dest } points nowhere on the site: use files/<name> for an attachment, /truong/<slug>/ for a school, or a full https:// address
image-nowhere = the image { $dest } points nowhere on the site: use files/<name> for an attachment, or a full https:// address
html-unsafe = raw HTML { $html } is removed from the page (scripts, styles, frames and event handlers are not published): delete it
evidence-other-era = [{ $code }] is written in the other era's format: under { $framework } codes are written like [{ $example }]
evidence-format = [{ $code }] is not a valid evidence code: under { $framework } codes are written like [{ $example }]
evidence-criterion = [{ $code }] refers to tiêu chí { $criterion }, which { $framework } does not have: its tiêu chuẩn { $standard } has tiêu chí { $first } to { $last }; correct the code
evidence-standard = [{ $code }] refers to tiêu chí { $criterion }, but { $framework } has no tiêu chuẩn { $standard }: it has { $count } standards, { $first } to { $last }; correct the code
evidence-duplicate = [{ $code }] is listed twice in Danh mục minh chứng (first on line { $line }): keep one row
evidence-unknown-no-list = [{ $code }] is cited but not listed: add a Danh mục minh chứng section with a table listing every code
evidence-unknown = [{ $code }] is cited but not listed: add it to the table of Danh mục minh chứng or correct the code
evidence-unused = [{ $code }] is listed but no section cites it: cite it where it is used, or remove the row
evidence-none = { $heading } is written about but cites no evidence code: cite the codes in brackets where the evidence is used, e.g. [{ $example }], and list them in Danh mục minh chứng
placeholder = `{ $key }` still holds the placeholder that `minhbach new school` wrote: replace { $value } with the real value

## What check and build print (src/check/human.rs, src/main.rs)
see-docs = see: { $link }
grouped-warning = warning[{ $code }] ×{ $count }: { $message } ({ $place } and elsewhere)
grouped-warning-one = warning[{ $code }] ×1: { $message } ({ $place })
grouped-warnings-total = { $count } warnings (they do not stop the build); to see each one: minhbach check, or add --verbose.
check-summary = { $schools } school(s): { $errors } error(s), { $warnings } warning(s).
build-done = Built { $schools } schools, { $reports } reports, { $pages } pages ({ $files } files, { $megabytes } MB) in { $seconds } s → { $output }
build-failed = Nothing built: the content has { $errors } errors. Fix them and run again; { $output } is unchanged.

## serve (src/serve/mod.rs)
serve-ready = Preview at { $url } (temporary folder { $temp }); Ctrl-C to stop.
serve-stopped = Stopped; the temporary folder is removed.
serve-port-busy = Port { $port } is busy, using port { $actual }.
serve-built = Built { $schools } schools, { $reports } reports: { $files } files changed ({ $pages } pages rendered again) in { $ms } ms.
serve-errors = The content has { $errors } error(s): the last good build is still shown. Fix and save the file to build again.
serve-no-browser = Cannot open the browser ({ $program }: { $error }); open { $url } yourself.

## minhbach import schools, export xlsx
import-unreadable = this file cannot be read as an Excel (.xlsx, .xls), OpenDocument (.ods) or CSV spreadsheet ({ $reason }): open it in Excel or LibreOffice, save it as .xlsx and import again
import-encrypted = the file is protected with a password, so its data is encrypted: open it in Excel, remove the password (File → Info → Protect Workbook), save and import again
import-too-large-file = the file is bigger than { $megabytes } MB: no list of schools is that large; check that this is the list of schools, or delete the sheets you do not need and save again
import-too-large-unzipped = once unzipped the file is bigger than { $megabytes } MB (an .xlsx file is compressed): no list of schools is that large and the file may have been damaged on purpose; check where it came from, or copy the data into a new file and save it
import-too-large-rows = the file has more than { $rows } rows of data: no list of schools is that large; delete the rows and sheets you do not need and save again
import-cell-too-long = this cell holds { $chars } characters, more than Excel's limit of { $limit }: the file is damaged or is not a list of schools; fix the cell and import again
import-sheet-missing = there is no sheet { $sheet }; the file has the sheets: { $sheets }
import-no-header = no header row in the first 20 rows of the sheet: it needs the columns { $required }
import-columns-missing = the columns { $missing } are missing; the header row has: { $found }. Add the missing columns (names as in the guide) and import again
import-value-missing = the cell { $column } is empty: fill it in and import again
import-value-invalid = the value "{ $value }" is not understood: expected { $expected }
import-expected-kind = "Kiểm định" (KĐCLGD) or "Chuẩn quốc gia" (CQG)
import-expected-count = a whole number, e.g. 812 or 1.234
import-expected-school-level = a school level: Mầm non, Tiểu học, THCS, THPT, TH&THCS (several levels) or GDTX
import-expected-ownership = Công lập, Tư thục or Dân lập
import-expected-level = a { $kind } level from 1 to { $max }, e.g. 2, "Cấp độ 2" or "II"
import-expected-date = a date
import-date-impossible = the date "{ $value }" does not exist (the day comes before the month: 05/01/2023 is 5 January): correct it
import-date-invalid = the date "{ $value }" is not understood: write day/month/year like 20/5/2022, or use a date cell
import-duplicate-id = school code { $id } is already on row { $first }; row { $row } repeats it: delete one of the rows or correct the code
import-id-digits = school code { $id } is a number with fewer digits than the other codes ({ $width }): Excel may have dropped its leading zeros; format the code column as Text and type the code again
import-decision-incomplete = the { $kind } decision lacks the cell { $column }: a decision needs its level, number and date
import-school-unknown = a decision for school code { $id }, but no school has this code, in the file or in content/: add the school to the list or correct the code
import-content-invalid = this file of content/ cannot be read, so it cannot be updated safely: run minhbach check, fix it and import again
import-legacy-text = { $count } cells typed in { $encoding } were converted to Unicode ({ $cells }): check the names and marks in the files written
import-word-unreadable = this file cannot be read as a Word file (.docx, .doc): { $reason }. Open it in Word or LibreOffice Writer, save it as .docx ("Word Document") and import again
import-word-doctype = the part { $part } declares a DOCTYPE (XML entities), which Word never writes: the file is damaged or made to attack, so it is not read. Open it in Word, save it as a new .docx and import again
import-word-paragraph-too-long = paragraph { $paragraph } is longer than { $limit } KB of text: no report has such a paragraph, the file may be damaged; check it, split the paragraph and import again
import-word-too-deep = the file has tables nested more than { $depth } deep: no report does, the file may be damaged; copy its content into a new file and import again
import-converter-missing = a .doc file (Word 97-2003) needs LibreOffice to be converted, and it is not installed: install LibreOffice (sudo apt install libreoffice-writer-nogui), or open the file in Word, "Save as" .docx and import that
import-word-school-unknown = no school of content/ is named on the cover (school code or name) or in the file name: name it with --school <school-folder>
import-word-school-ambiguous = the cover may belong to several schools: { $schools }; name the school with --school <school-folder>
import-word-school-slug = there is no school folder content/schools/{ $slug }: check the folder name (minhbach check lists the schools)
import-year-missing = no school year on the cover (like "năm học 2025-2026"): give it with --year 2025-2026
import-framework-missing = no framework applies to a { $level } school in { $year }: check the school year (--year) and the level in school.toml
import-report-approved = { $target } is approved and is never overwritten; to import again, set that report's status to "draft" first
import-report-draft = { $target } exists (a draft); add --force to replace it with this Word file
import-report-twice = another file in the folder is the same report ({ $target }): keep one file per school and year
import-result-missing = no result found for { $count } criteria ({ $criteria }) in a "Tự đánh giá" line, the summary table or a criterion table: fill them in the draft's [results] before approval
import-result-conflict = criterion { $criterion }: its assessment ({ $place }) says Mức { $level } but the summary table says Mức { $summary }; Mức { $level } was taken: check with the self-assessment council
import-claimed-missing = the level the school concluded was not found (like "nhà trường tự đánh giá đạt Mức 2" in the conclusion): add claimed_level to the draft
import-not-understood = this part was not understood and is not in the report: "{ $text }"; copy it into the draft by hand if needed
import-image-type = .{ $ext } images are not published (only PNG, JPEG, GIF, WebP, SVG)
import-image-refused = image { $image } was not saved: { $reason }. If it is needed, export it again as PNG or JPEG and put it in files/
import-image-sanitised = SVG image { $image } holds parts that could run code or load content from elsewhere; saved without them: { $removed }
import-macros = the file carries macros (VBA): they were neither run nor imported; only the text was read
import-word-legacy = { $runs } runs typed in the { $encoding } encoding were converted to Unicode: proofread the diacritics in the draft
import-word-unchanged = { $file } → { $target }: the draft already holds exactly this (imported before); nothing changed
import-word-done = Imported { $file } → { $target } (draft): { $criteria }/{ $total } criteria have a result
import-word-dry-run = Dry run: { $file } → { $target } (nothing written). It would write:
import-word-stopped = Not imported { $file }: { $errors } errors, nothing in content/ changed
import-word-summary = { $files } files: { $written } imported, { $failed } not imported
import-word-check = Checking the draft as if it were approved:
import-progress-reading = Reading { $file }…
import-progress-matching = Matching { $schools } schools with content/…
import-progress-writing = Writing
import-file-new = + { $file } (new school)
import-file-changed = ~ { $file }
import-decision-added = added [[{ $table }]]: { $number }, level { $level }, dated { $decided }
import-stopped = Nothing imported: the file has { $errors } errors and no file of content/ changed. Fix them in the spreadsheet and import again.
import-dry-run = Dry run: { $schools } schools read; { $files } files would be created or changed (nothing written).
import-done = Imported { $schools } schools: { $files } files created or changed.
export-done = Wrote { $output } ({ $kilobytes } KB).
export-failed = Nothing exported: the content has { $errors } errors. Fix them and run again.
