# Các thông báo của minhbach bằng tiếng Việt (ngôn ngữ mặc định), cú pháp Fluent
# (https://projectfluent.org/). Mỗi khóa có đúng một bản tiếng Anh trong en.ftl, với cùng các
# tham số { $ten }. Thêm một thông báo: viết msg!("khoa-moi", ten = gia_tri) trong mã (hoặc
# ten => mot_thong_bao_khac để lồng một thông báo của danh mục), rồi thêm dòng
# `khoa-moi = …` vào cả hai tệp (một kiểm thử đơn vị so hai tệp với nhau và với mã).
# Mỗi thông báo nói cái gì sai và cách sửa, dùng từ của Sở: tiêu chí, tiêu chuẩn, minh chứng,
# Danh mục minh chứng, mức, quyết định, hiệu lực, báo cáo tự đánh giá, phê duyệt.

test-hello = Xin chào { $name } ({ $n })

## Đọc nội dung: school.toml, config.toml, báo cáo, trang (src/content/, src/calendar.rs)
toml-syntax = đây không phải TOML hợp lệ (trình đọc TOML báo bằng tiếng Anh: { $reason }). Kiểm tra dấu ngoặc kép quanh chữ, dấu `=` giữa khóa và giá trị, và các tiêu đề [[…]]
toml-type-string = chữ trong dấu ngoặc kép
toml-type-integer = một số nguyên
toml-type-float = một số thập phân
toml-type-boolean = true/false
toml-type-datetime = một ngày, giờ
toml-type-array = một danh sách [ … ]
toml-type-table = một bảng
toml-type-other = kiểu { $name }
field-type-text = `{ $key }` trong { $what } phải là chữ đặt trong dấu ngoặc kép, không phải { $found }
field-type-integer = `{ $key }` trong { $what } phải là một số nguyên không có dấu ngoặc kép, không phải { $found }
field-type-bool = `{ $key }` trong { $what } phải là true hoặc false, không phải { $found }
field-type-date = `{ $key }` trong { $what } phải là một ngày dạng 2025-06-15, không phải { $found }
field-type-table-item = `{ $key }` trong { $what } phải là một bảng viết [[khóa]], không phải { $found }
field-type-table-list = `{ $key }` trong { $what } phải là một danh sách bảng viết [[khóa]], không phải { $found }
field-type-table = `{ $key }` trong { $what } phải là một bảng, không phải { $found }
field-missing = { $what } thiếu `{ $key }`: thêm một dòng `{ $key } = { $hint }`
field-empty = `{ $key }` trong { $what } đang để trống: ghi giá trị hoặc xóa dòng này
field-range = `{ $key }` trong { $what } phải nằm trong khoảng { $lo } đến { $hi }: ghi một số trong khoảng đó
field-date-quoted = `{ $key }` trong { $what } phải là một ngày không có dấu ngoặc kép, ví dụ { $key } = 2025-06-15 (đang ghi "{ $found }")
field-date-impossible = `{ $key }` trong { $what } không phải một ngày có thật: ghi theo dạng YYYY-MM-DD (năm-tháng-ngày)
unknown-key-typo = `{ $key }` không phải một khóa của { $what } nên bị bỏ qua. Có phải ý bạn là `{ $closest }`?
unknown-key = `{ $key }` không phải một khóa của { $what } nên bị bỏ qua. Các khóa được dùng: { $known }.
source-date-epoch = SOURCE_DATE_EPOCH={ $value } không phải số giây tính từ năm 1970: bỏ biến này hoặc sửa lại
config-base-url = base_url { $value } phải là một địa chỉ đầy đủ bắt đầu bằng https:// (có thể có đường dẫn phía sau)
config-theme = theme { $value } phải là tên một thư mục chỉ gồm chữ cái, chữ số và dấu -
file-unreadable = không đọc được tệp ({ $error }): kiểm tra tệp có tồn tại và được phép đọc
encoding-legacy = văn bản trông như bảng mã { $encoding } bị đọc thành UTF-8 ("{ $sample }…"): chuyển tệp sang Unicode (UTF-8) bằng lệnh minhbach fix-encoding với tên tệp này (chạy thử trước với --dry-run), hoặc bằng công cụ chuyển mã của Unikey, rồi chạy lại minhbach check
encoding-utf8 = tệp không phải UTF-8: mở bằng một trình soạn thảo văn bản và lưu lại với bảng mã "UTF-8"
fix-encoding-converted = { $file }: đã chuyển từ { $encoding } sang Unicode (UTF-8), { $lines } dòng thay đổi
fix-encoding-would-convert = { $file }: sẽ chuyển từ { $encoding } sang Unicode (UTF-8), { $lines } dòng thay đổi (chạy thử, chưa ghi gì):
fix-encoding-more-lines = … và { $lines } dòng khác
fix-encoding-already-unicode = { $file }: tệp đã là tiếng Việt Unicode, không chuyển (chuyển lại sẽ làm hỏng dấu)
fix-encoding-nothing = { $file }: không thấy chữ nào gõ bằng TCVN3 hay VNI, không chuyển
fix-encoding-unknown = { $file }: tệp không phải UTF-8 mà cũng không phải TCVN3 hay VNI, không chuyển: mở bằng trình soạn thảo văn bản và lưu lại với bảng mã "UTF-8"
fix-encoding-unreadable = { $file }: không đọc được tệp ({ $error })
fix-encoding-unwritable = { $file }: không ghi được tệp ({ $error }); tệp cũ vẫn giữ nguyên
fix-encoding-failed = { $failed }/{ $files } tệp không được chuyển (xem các dòng trên).
school-dir-symlink = thư mục trường này là một liên kết tượng trưng (symbolic link), có thể trỏ ra ngoài thư mục của cổng thông tin, nên không được đọc: chép thư mục thật vào đây
school-slug = tên thư mục { $slug } là địa chỉ trang của trường nên chỉ được dùng a-z, 0-9 và dấu -: đổi tên thành { $suggestion }
school-toml-missing = thư mục trường này chưa có school.toml: tạo tệp với id, name, level và commune (lệnh minhbach new school <tên-thư-mục>)
attachment-symlink = tệp đính kèm này là một liên kết tượng trưng (symbolic link), có thể trỏ ra ngoài thư mục của trường: chép tệp thật vào đây
attachment-sanitised = ảnh SVG này chứa phần có thể chạy mã hoặc tải nội dung từ nơi khác; cổng thông tin chỉ công khai ảnh sau khi đã bỏ: { $removed }. Để hết cảnh báo này, xuất lại hình vẽ từ chương trình vẽ mà không có những phần đó
page-slug = tên tệp của một trang là địa chỉ của trang nên chỉ được dùng a-z, 0-9 và dấu -: đổi tên thành { $suggestion }.md
school-id-number = `id` phải là chữ trong dấu ngoặc kép để giữ các số 0 ở đầu: ghi id = "{ $id }"
school-name-empty = `name` đang để trống: ghi tên đầy đủ, chính thức của trường
province-merged = `{ $written }` không còn là một tỉnh, thành phố từ ngày 01/07/2025: đã hợp nhất vào { $into } (Nghị quyết 202/2025/QH15), nên trường được tính vào { $into }. Sửa thành province = "{ $into }"
school-commune-empty = `commune` đang để trống: ghi xã/phường nơi trường đóng
keyword-unknown = `{ $key }` = { $value } không hợp lệ: ghi một trong { $allowed }
page-front-matter = một trang phải bắt đầu bằng phần đầu: một dòng +++, title = "…", rồi một dòng +++
front-matter-open = phần đầu chưa được đóng: thêm một dòng chỉ có +++ sau khóa cuối cùng
front-matter-missing = báo cáo phải bắt đầu bằng phần đầu: một dòng +++, các khóa (status, approved_on, claimed_level, [results]), rồi một dòng +++
status-unknown = status = { $value } không hợp lệ: ghi status = "draft" (bản nháp) hoặc status = "approved" (đã phê duyệt)
status-missing = phần đầu thiếu `status`: thêm status = "draft" (bản nháp) hoặc status = "approved" (đã phê duyệt)
result-no-level = kết quả của tiêu chí { $criterion } chưa có mức: ghi {"{"} level = 1, note = "…" {"}"}
result-type = kết quả của tiêu chí { $criterion } phải là một số mức ("{ $criterion }" = 2) hoặc {"{"} level = 2, note = "…" {"}"}, không phải { $found }
school-year-format = { $what } { $value }: năm học được viết YYYY-YYYY, ví dụ 2024-2025
school-year-consecutive = { $what } { $value }: năm thứ hai phải bằng năm thứ nhất cộng một, ví dụ 2024-2025
report-filename = tệp báo cáo được đặt tên theo năm học, ví dụ 2024-2025.md (năm thứ hai bằng năm thứ nhất cộng một): đổi tên `{ $file }`

## Tệp đính kèm (src/content/attachment.rs)
attachment-extension = đuôi tệp .{ $ext } không thuộc các loại cổng thông tin công khai: chỉ đăng PDF, Word/Excel/PowerPoint, OpenDocument, PNG/JPEG/GIF/WebP, SVG hoặc ZIP (tệp này không được công khai)
attachment-no-extension = tệp không có đuôi nên không biết là loại gì: chỉ đăng PDF, Word/Excel/PowerPoint, OpenDocument, PNG/JPEG/GIF/WebP, SVG hoặc ZIP (tệp này không được công khai)
attachment-unreadable = không đọc được tệp (hệ thống báo: { $error }), nên tệp này không được công khai: kiểm tra tệp mở được và được phép đọc, rồi chạy lại
attachment-opendocument = tệp mang đuôi .{ $ext } nhưng tự ghi là { $found }, không phải một tệp { $label }: lưu lại từ chương trình văn phòng thành .{ $ext } (tệp này không được công khai)
attachment-html = tệp mang đuôi .{ $ext } nhưng nội dung là một trang web (HTML), có thể chạy mã trên cổng thông tin: lưu lại thành một tệp { $label } thật (tệp này không được công khai)
attachment-bytes-other = tệp mang đuôi .{ $ext } nhưng nội dung là { $what }: lưu lại thành một tệp { $label } thật (tệp này không được công khai)
attachment-bytes-not = tệp mang đuôi .{ $ext } nhưng nội dung không phải { $label }: lưu lại thành một tệp { $label } thật (tệp này không được công khai)
attachment-svg-html = tệp mang đuôi .svg nhưng nội dung là một trang web (HTML), có thể chạy mã trên cổng thông tin: xuất lại hình vẽ thành SVG (tệp này không được công khai)
attachment-svg-malformed = tệp mang đuôi .svg nhưng không phải một ảnh SVG đúng cú pháp ({ $why }): xuất lại hình vẽ thành SVG (tệp này không được công khai)

svg-not-utf8 = tệp không phải văn bản UTF-8 (byte { $byte })
svg-xml-at = lỗi cú pháp XML ở byte { $byte }: { $error }
svg-xml = lỗi cú pháp XML: { $error }
svg-two-roots = có hơn một phần tử gốc
svg-root-not-svg = phần tử gốc là <{ $name }>, không phải <svg>
svg-text-outside = có chữ nằm ngoài phần tử <svg>
svg-encoding = tệp tự khai bảng mã { $encoding }, không phải UTF-8
svg-unfinished = tệp kết thúc trước thẻ đóng </svg>
svg-no-root = tệp không có phần tử <svg>
## Báo cáo, quyết định, kết quả và mức (src/check/reports.rs, decisions.rs, mod.rs; src/regulation/level.rs)
decision-level-accreditation = level = { $level } không thể là cấp độ kiểm định: ghi một cấp độ từ 1 đến 4
decision-level-national = level = { $level } không thể là mức độ chuẩn quốc gia: ghi mức độ 1 hoặc 2
decision-valid-before = valid_until (hiệu lực đến { $valid_until }) trước ngày ký quyết định { $decided }: sửa một trong hai ngày
decision-future = ngày quyết định { $decided } sau ngày dựng trang { $today }: quyết định không thể ghi ngày trong tương lai; kiểm tra lại năm
decision-after-57 = không thể có quyết định công nhận kiểm định ngày { $decided }: Thông tư 57/2026 bỏ cấp độ kiểm định từ ngày { $end }. Nếu đây là quyết định công nhận đạt chuẩn quốc gia, ghi nó dưới [[national_standard]]
decision-expiring = quyết định { $decision } hết hiệu lực ngày { $until } (trong vòng { $days } ngày kể từ { $today }): trường cần đăng ký đánh giá lại
decision-inconsistent = chuẩn quốc gia mức độ { $level } ngày { $decided } không có quyết định kiểm định cấp độ { $needed } trở lên còn hiệu lực vào ngày đó: bổ sung quyết định kiểm định hoặc kiểm tra lại các ngày
approved-on-missing = báo cáo đã phê duyệt cần ngày phê duyệt: thêm approved_on = YYYY-MM-DD
approved-on-future = ngày phê duyệt { $approved_on } sau ngày dựng trang { $today }: kiểm tra lại ngày
framework-unknown = không có bộ tiêu chuẩn framework = { $framework }: xóa dòng này để dùng bộ mặc định, hoặc ghi một trong { $known }
framework-not-applicable = bộ tiêu chuẩn { $framework } không áp dụng cho trường { $level } năm học { $year }: xóa dòng này để dùng bộ mặc định
framework-date = bộ tiêu chuẩn { $framework } không còn hiệu lực vào ngày { $date } (chỉ đến { $until }): kiểm tra có đúng là muốn dùng văn bản cũ không
framework-no-era = không có bộ tiêu chuẩn nào cho năm học { $year }: kiểm tra năm học trong tên tệp và cấp học của trường
framework-no-level = { $era } không có bộ tiêu chuẩn cho trường { $level }: kiểm tra năm học trong tên tệp và cấp học của trường
report-late = báo cáo tự đánh giá được phê duyệt ngày { $approved_on }, sau hạn { $deadline } mà { $framework } quy định: kiểm tra lại approved_on; nếu ngày đó đúng thì không cần sửa gì, cảnh báo này chỉ ghi nhận việc phê duyệt muộn
level4-none = { $framework } không có tiêu chí Mức 4: xóa bảng [level4]
level-missing = báo cáo đã phê duyệt cần mức mà hội đồng tự đánh giá kết luận: thêm claimed_level = 0..{ $max }
level-outside = claimed_level = { $claimed } nằm ngoài thang 0..{ $max } của { $framework }: ghi mức mà hội đồng tự đánh giá kết luận, từ 0 đến { $max }
level-mismatch = claimed_level = { $claimed } nhưng theo kết quả các tiêu chí, trường được xếp "{ $computed }". { $why }. Sửa các kết quả hoặc ghi claimed_level = { $level }
level-mismatch-plain = claimed_level = { $claimed } nhưng theo kết quả các tiêu chí, trường được xếp "{ $computed }": sửa các kết quả hoặc ghi claimed_level = { $level }
shortfall = { $rule }: { $failing }
shortfall-every-capped = Mức { $level } cần mọi tiêu chí đạt Mức { $at_least } (hoặc mức cao nhất mà tiêu chí quy định)
shortfall-every = Mức { $level } cần mọi tiêu chí đạt tối thiểu Mức { $at_least }
shortfall-mandatory = Mức { $level } cần tất cả { $mandatory } tiêu chí bắt buộc đạt Mức { $at_least }
shortfall-others = Mức { $level } cần ít nhất { $count } trong { $others } tiêu chí còn lại đạt Mức { $at_least }; mới có { $reaching }
shortfall-level4 = Mức { $level } cần đạt tất cả { $count } tiêu chí Mức 4
shortfall-criterion-not-met = tiêu chí { $criterion } không đạt
shortfall-criterion-only = tiêu chí { $criterion } chỉ đạt Mức { $level }
shortfall-level4-item = tiêu chí Mức 4 số { $number } chưa đạt
results-unknown = { $framework } không có tiêu chí "{ $criterion }": xóa dòng này hoặc sửa số tiêu chí
results-repealed = tiêu chí { $criterion } = { $level }: { $circular } đã bãi bỏ Mức { $level } của tiêu chí này, nên kết quả được tính là Mức { $counted }: sửa thành "{ $criterion }" = { $counted }
results-range = tiêu chí { $criterion } = { $level } nằm ngoài thang mức: tiêu chí này chỉ có từ 0 (không đạt) đến { $max }
results-missing = chưa có kết quả của tiêu chí { $criteria } của { $framework }: thêm cho mỗi tiêu chí một dòng "N.M" = mức
level4-unknown = { $framework } có các tiêu chí Mức 4 từ 1 đến { $count }, không có "{ $item }": sửa số hoặc xóa dòng này
duplicate-id = id { $id } cũng được dùng ở { $others }: mỗi trường cần một mã trường riêng

## Cấu trúc, liên kết, minh chứng (src/check/structure.rs, links.rs, evidence.rs, placeholders.rs)
structure-standard-unknown = { $framework } không có Tiêu chuẩn { $standard }: sửa số trong đề mục này
structure-criterion-unknown = { $framework } không có Tiêu chí { $criterion }: sửa số hoặc bỏ mục này
structure-misplaced = Tiêu chí { $criterion } đang nằm dưới Tiêu chuẩn { $under }: chuyển mục này xuống dưới đề mục Tiêu chuẩn { $standard }
structure-duplicate = đề mục { $heading } xuất hiện hai lần (lần đầu ở dòng { $line }): gộp hai mục làm một
section-missing-standard = tiêu chuẩn này có phần viết nhưng thiếu mục { $sections }: thêm (các) đề mục đó vào dưới tiêu chuẩn
section-missing-criterion = tiêu chí này có phần viết nhưng thiếu mục { $sections }: thêm (các) đề mục đó vào dưới tiêu chí
link-script = liên kết tới { $dest } chạy mã (script) nên bị bỏ khỏi trang: liên kết tới một địa chỉ web thay vào đó
image-script = ảnh { $dest } chạy mã (script) nên bị bỏ khỏi trang: dùng một tệp ảnh trong files/ hoặc một địa chỉ web
link-escape = liên kết { $dest } ra khỏi thư mục của trường: đặt tệp vào files/ rồi ghi files/<tên-tệp>, hoặc liên kết tới /truong/<tên-thư-mục>/
image-escape = ảnh { $dest } ra khỏi thư mục của trường: đặt tệp vào files/ rồi ghi files/<tên-tệp>
attachment-missing = không có tệp files/{ $name } trong content/schools/{ $slug }/files/: thêm tệp hoặc sửa tên
school-link-unknown = không có trường nào có thư mục { $slug }: sửa liên kết /truong/<tên-thư-mục>/
link-nowhere = liên kết { $dest } không trỏ tới đâu trên trang: dùng files/<tên-tệp> cho tệp đính kèm, /truong/<tên-thư-mục>/ cho một trường, hoặc một địa chỉ https:// đầy đủ
image-nowhere = ảnh { $dest } không trỏ tới đâu trên trang: dùng files/<tên-tệp> cho ảnh đính kèm, hoặc một địa chỉ https:// đầy đủ
html-unsafe = mã HTML { $html } bị bỏ khỏi trang (script, style, khung và trình xử lý sự kiện không được công khai): xóa đoạn này
evidence-other-era = [{ $code }] được viết theo dạng mã của giai đoạn khác: theo { $framework }, mã minh chứng được viết như [{ $example }]
evidence-format = [{ $code }] không phải một mã minh chứng hợp lệ: theo { $framework }, mã minh chứng được viết như [{ $example }]
evidence-criterion = [{ $code }] ứng với tiêu chí { $criterion }, nhưng { $framework } không có tiêu chí này: tiêu chuẩn { $standard } chỉ có các tiêu chí { $first } đến { $last }; sửa lại mã
evidence-standard = [{ $code }] ứng với tiêu chí { $criterion }, nhưng { $framework } không có tiêu chuẩn { $standard }: bộ tiêu chuẩn này có { $count } tiêu chuẩn, từ { $first } đến { $last }; sửa lại mã
evidence-duplicate = [{ $code }] có hai lần trong Danh mục minh chứng (lần đầu ở dòng { $line }): giữ lại một dòng
evidence-unknown-no-list = [{ $code }] được trích dẫn nhưng báo cáo chưa có Danh mục minh chứng: thêm mục Danh mục minh chứng với một bảng liệt kê mọi mã
evidence-unknown = [{ $code }] được trích dẫn nhưng không có trong Danh mục minh chứng: thêm mã vào bảng Danh mục minh chứng hoặc sửa lại mã
evidence-unused = [{ $code }] có trong Danh mục minh chứng nhưng không mục nào trích dẫn: trích dẫn mã ở chỗ dùng minh chứng, hoặc xóa dòng này
evidence-none = phần viết của { $heading } chưa trích dẫn mã minh chứng nào: ghi mã minh chứng trong ngoặc ở chỗ dùng, ví dụ [{ $example }], và liệt kê nó trong Danh mục minh chứng
placeholder = `{ $key }` vẫn giữ giá trị tạm mà lệnh `minhbach new school` ghi sẵn: thay { $value } bằng giá trị thật

## Phần in ra của check, build (src/check/human.rs, src/main.rs)
see-docs = xem: { $link }
grouped-warning = cảnh báo[{ $code }] ×{ $count }: { $message } ({ $place } và các chỗ khác)
grouped-warning-one = cảnh báo[{ $code }] ×1: { $message } ({ $place })
grouped-warnings-total = { $count } cảnh báo (không chặn việc dựng trang); xem từng cảnh báo: minhbach check, hoặc thêm --verbose.
check-summary = { $schools } trường: { $errors } lỗi, { $warnings } cảnh báo.
build-done = Đã dựng { $schools } trường, { $reports } báo cáo, { $pages } trang ({ $files } tệp, { $megabytes } MB) trong { $seconds } giây → { $output }
build-failed = Không dựng trang: nội dung có { $errors } lỗi. Sửa các lỗi trên rồi chạy lại; { $output } không thay đổi.

## serve (src/serve/mod.rs)
serve-ready = Xem trước tại { $url } (thư mục tạm { $temp }); Ctrl-C để dừng.
serve-stopped = Đã dừng; đã xóa thư mục tạm.
serve-port-busy = Cổng { $port } đang bận, dùng cổng { $actual }.
serve-built = Đã dựng { $schools } trường, { $reports } báo cáo: { $files } tệp thay đổi ({ $pages } trang dựng lại) trong { $ms } ms.
serve-errors = Nội dung có { $errors } lỗi: vẫn hiển thị bản dựng tốt gần nhất. Sửa rồi lưu tệp để dựng lại.
serve-no-browser = Không mở được trình duyệt ({ $program }: { $error }); hãy mở { $url } bằng tay.

## minhbach import schools, export xlsx
import-unreadable = không đọc được tệp này như một bảng tính Excel (.xlsx, .xls), OpenDocument (.ods) hay CSV ({ $reason }): mở tệp bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx rồi nhập lại
import-encrypted = tệp có đặt mật khẩu nên dữ liệu bị mã hoá: mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc), lưu lại rồi nhập lại
import-too-large-file = tệp lớn hơn { $megabytes } MB: một danh sách trường không lớn như vậy; kiểm tra tệp có đúng là danh sách trường không, hoặc xoá các trang tính không cần rồi lưu lại
import-too-large-unzipped = khi giải nén, tệp lớn hơn { $megabytes } MB (một tệp .xlsx là tệp nén): một danh sách trường không lớn như vậy, tệp có thể bị làm hỏng cố ý; kiểm tra nguồn của tệp, hoặc sao chép dữ liệu sang một tệp mới rồi lưu lại
import-too-large-rows = tệp có hơn { $rows } dòng dữ liệu: một danh sách trường không lớn như vậy; xoá các dòng và trang tính không cần rồi lưu lại
import-cell-too-long = ô này dài { $chars } ký tự, quá giới hạn { $limit } ký tự của Excel: tệp bị hỏng hoặc không phải danh sách trường; sửa ô này rồi nhập lại
import-sheet-missing = không có trang tính { $sheet }; tệp có các trang: { $sheets }
import-no-header = không tìm thấy dòng tiêu đề trong 20 dòng đầu của trang tính: cần các cột { $required }
import-columns-missing = thiếu cột { $missing }; dòng tiêu đề có: { $found }. Thêm cột còn thiếu (tên cột như trong tài liệu hướng dẫn) rồi nhập lại
import-value-missing = ô { $column } trống: điền vào rồi nhập lại
import-value-invalid = không hiểu giá trị "{ $value }": cần { $expected }
import-expected-kind = "Kiểm định" (KĐCLGD) hoặc "Chuẩn quốc gia" (CQG)
import-expected-count = một số nguyên, ví dụ 812 hoặc 1.234
import-expected-school-level = một cấp học: Mầm non, Tiểu học, THCS, THPT, TH&THCS (nhiều cấp học) hoặc GDTX
import-expected-ownership = Công lập, Tư thục hoặc Dân lập
import-expected-level = cấp độ/mức độ { $kind } từ 1 đến { $max }, ví dụ 2, "Cấp độ 2" hoặc "II"
import-expected-date = một ngày
import-date-impossible = ngày "{ $value }" không có thật (ngày đọc trước tháng, như 05/01/2023 là 5 tháng 1): sửa lại ngày
import-date-invalid = không hiểu ngày "{ $value }": viết ngày/tháng/năm như 20/5/2022, hoặc dùng ô kiểu ngày
import-duplicate-id = mã trường { $id } đã có ở dòng { $first }; dòng { $row } lặp lại: xoá một trong hai dòng hoặc sửa mã
import-id-digits = mã trường { $id } là số có ít chữ số hơn các mã khác ({ $width } chữ số): Excel có thể đã bỏ các số 0 ở đầu; định dạng cột mã là Văn bản (Text) và gõ lại mã cho đúng
import-decision-incomplete = quyết định { $kind } thiếu ô { $column }: một quyết định cần cấp độ/mức độ, số và ngày quyết định
import-school-unknown = quyết định của mã trường { $id }, nhưng không có trường nào mang mã này, trong tệp hay trong content/: thêm trường vào danh sách hoặc sửa mã
import-content-invalid = không đọc được tệp này của content/ nên không thể cập nhật an toàn: chạy minhbach check, sửa lỗi rồi nhập lại
import-legacy-text = { $count } ô gõ bằng bảng mã { $encoding } đã được chuyển sang Unicode ({ $cells }): xem lại tên và dấu trong các tệp đã tạo
import-word-unreadable = không đọc được tệp này như một tệp Word (.docx, .doc): { $reason }. Mở tệp bằng Word hoặc LibreOffice Writer, lưu lại dưới dạng .docx ("Tài liệu Word") rồi nhập lại
import-word-doctype = phần { $part } của tệp có khai báo DOCTYPE (thực thể XML), điều Word không bao giờ ghi: tệp bị làm hỏng hoặc được tạo để tấn công, nên không được đọc. Mở tệp bằng Word, lưu lại thành tệp .docx mới rồi nhập lại
import-word-paragraph-too-long = đoạn { $paragraph } dài hơn { $limit } KB chữ: một báo cáo không có đoạn văn nào dài như vậy, tệp có thể bị hỏng; kiểm tra và chia nhỏ đoạn đó rồi nhập lại
import-word-too-deep = tệp có bảng lồng trong bảng sâu hơn { $depth } lớp: một báo cáo không như vậy, tệp có thể bị hỏng; sao chép nội dung sang một tệp mới rồi nhập lại
import-converter-missing = tệp .doc (Word 97-2003) cần LibreOffice để chuyển đổi mà máy này chưa cài: cài LibreOffice (sudo apt install libreoffice-writer-nogui), hoặc mở tệp bằng Word và "Lưu thành" .docx rồi nhập tệp .docx
import-word-school-unknown = không tìm thấy trường nào của content/ trên trang bìa (mã trường hoặc tên trường) hay trong tên tệp: chỉ rõ trường bằng --school <thư-mục-trường>
import-word-school-ambiguous = trang bìa có thể là của nhiều trường: { $schools }; chỉ rõ trường bằng --school <thư-mục-trường>
import-word-school-slug = không có thư mục trường content/schools/{ $slug }: kiểm tra tên thư mục (lệnh minhbach check liệt kê các trường)
import-year-missing = không tìm thấy năm học trên trang bìa (như "năm học 2025-2026"): chỉ rõ bằng --year 2025-2026
import-framework-missing = không có bộ tiêu chuẩn nào áp dụng cho trường { $level } năm học { $year }: kiểm tra năm học (--year) và cấp học trong school.toml
import-report-approved = { $target } đã được phê duyệt nên không bị ghi đè; muốn nhập lại, đổi status của báo cáo đó thành "draft" trước
import-report-draft = { $target } đã có (bản nháp); thêm --force để thay bằng nội dung của tệp Word này
import-report-twice = một tệp khác trong thư mục cũng là báo cáo này ({ $target }): chỉ giữ một tệp cho mỗi trường và năm học
import-result-missing = không tìm thấy kết quả của { $count } tiêu chí ({ $criteria }) trong dòng "Tự đánh giá", bảng tổng hợp hay bảng đánh giá tiêu chí: điền vào [results] của bản nháp trước khi phê duyệt
import-result-conflict = tiêu chí { $criterion }: phần đánh giá tiêu chí ({ $place }) ghi Mức { $level } nhưng bảng tổng hợp ghi Mức { $summary }; đã lấy Mức { $level }: kiểm tra lại với hội đồng tự đánh giá
import-claimed-missing = không tìm thấy mức nhà trường tự kết luận (như "nhà trường tự đánh giá đạt Mức 2" trong phần Kết luận): thêm claimed_level vào bản nháp
import-not-understood = không hiểu phần này nên không đưa vào báo cáo: "{ $text }"; nếu cần, chép nội dung vào bản nháp bằng tay
import-image-type = loại ảnh .{ $ext } không được công khai (chỉ PNG, JPEG, GIF, WebP, SVG)
import-image-refused = ảnh { $image } không được lưu: { $reason }. Nếu cần ảnh này, xuất lại thành PNG hoặc JPEG và đặt vào files/
import-image-sanitised = ảnh SVG { $image } chứa phần có thể chạy mã hoặc tải nội dung từ nơi khác; đã lưu bản đã bỏ: { $removed }
import-macros = tệp có macro (VBA): macro không được chạy và không được nhập; chỉ nội dung văn bản được đọc
import-word-legacy = { $runs } đoạn chữ gõ bằng bảng mã { $encoding } đã được chuyển sang Unicode: đọc lại dấu trong bản nháp
import-word-unchanged = { $file } → { $target }: bản nháp đã có đúng nội dung này (đã nhập trước đây), không có gì thay đổi
import-word-done = Đã nhập { $file } → { $target } (bản nháp): { $criteria }/{ $total } tiêu chí có kết quả
import-word-dry-run = Chạy thử: { $file } → { $target } (chưa ghi gì). Nội dung sẽ ghi:
import-word-stopped = Không nhập { $file }: { $errors } lỗi, không tệp nào trong content/ bị thay đổi
import-word-summary = { $files } tệp: { $written } đã nhập, { $failed } không nhập được
import-word-check = Kiểm tra bản nháp như khi được phê duyệt:
import-progress-reading = Đang đọc { $file }…
import-progress-matching = Đang đối chiếu { $schools } trường với content/…
import-progress-writing = Đang ghi
import-file-new = + { $file } (trường mới)
import-file-changed = ~ { $file }
import-decision-added = thêm [[{ $table }]]: { $number }, cấp/mức { $level }, ngày { $decided }
import-stopped = Không nhập: tệp có { $errors } lỗi, không tệp nào trong content/ bị thay đổi. Sửa các lỗi trên trong bảng tính rồi nhập lại.
import-dry-run = Chạy thử: { $schools } trường đã đọc; { $files } tệp sẽ được tạo hoặc sửa (chưa ghi gì).
import-done = Đã nhập { $schools } trường: { $files } tệp được tạo hoặc sửa.
export-done = Đã ghi { $output } ({ $kilobytes } KB).
export-failed = Không xuất: nội dung có { $errors } lỗi. Sửa các lỗi trên rồi chạy lại.
