//! Batch files (src/batch.rs): a CSV of households in, a CSV of results out.

use yibao::batch::{self, Outcome};

fn run(csv: &str) -> Outcome {
    batch::run(csv, yibao::baked::policies().expect("baked"), true).expect("a readable file")
}

/// The output rows without the byte-order mark, split into fields (no
/// field of these outputs holds a comma).
fn rows(outcome: &Outcome) -> Vec<Vec<String>> {
    outcome
        .csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// The documented example (docs/batch-example.csv), in English and in Chinese.
#[test]
fn example_file_matches_its_snapshot() {
    let input = include_str!("../docs/batch-example.csv");
    let outcome = run(input);
    assert_eq!((outcome.rows, outcome.failed), (9, 2));
    insta::assert_snapshot!("example_en", outcome.csv.trim_start_matches('\u{feff}'));
    let zh = batch::run(input, yibao::baked::policies().expect("baked"), false).expect("zh");
    insta::assert_snapshot!("example_zh", zh.csv.trim_start_matches('\u{feff}'));
}

/// Inner Mongolia 2020, ordinary resident, county stay of 20,000 + 1,000:
/// basic (20000 − 500) × 85% = 16575 (the county rate assumed, calibrated on
/// line 22's reported 75% average); out of pocket 3425 + 1000 = 4425.
#[test]
fn chinese_headers_names_and_amounts_are_read() {
    let outcome = run(
        "\u{feff}编号,地区,医保,人员类别,医院级别,合规费用,目录外费用\r\n\
                       1,inner_mongolia,城乡居民医保,普通参保人,旗县级医院（二级）,\"20,000\",1000\r\n\
                       2,inner_mongolia,resident,ordinary,县级（二级）医院,2万,1000\r\n",
    );
    let rows = rows(&outcome);
    assert_eq!(outcome.failed, 0, "{:?}", outcome.errors);
    assert_eq!(rows[0][0], "id");
    assert_eq!(rows[1][5], "16575.00");
    assert_eq!(rows[1][12], "4425.00");
    assert_eq!(rows[2][5], "16575.00");
}

#[test]
fn a_bad_row_gets_its_own_error_and_the_others_are_computed() {
    let outcome = run("id,policy,scheme,category,level,compliant\n\
                       a,inner_mongolia,resident,ordinary,county,20000\n\
                       b,inner_mongolia,resident,ordinary,county,abc\n\
                       c,inner_mongolia,resident,nobody,county,1000\n\
                       d,inner_mongolia,resident,ordinary,county\n\
                       e,inner_mongolia,resident,ordinary,county,20000\n");
    let rows = rows(&outcome);
    assert_eq!((outcome.rows, outcome.failed), (5, 3));
    assert_eq!(rows[1][5], "16575.00");
    assert_eq!(rows[5][5], "16575.00");
    let errors: Vec<(usize, &str, &str)> = outcome
        .errors
        .iter()
        .map(|e| (e.line, e.id.as_str(), e.column.as_str()))
        .collect();
    assert_eq!(
        errors,
        [(3, "b", "compliant"), (4, "c", "category"), (5, "d", "")]
    );
    assert_eq!(
        outcome.errors[2].message_en,
        "this row has 5 fields but the header has 6; check for a missing or extra comma"
    );
    assert_eq!(rows[2][17], "compliant");
}

#[test]
fn tabs_from_a_pasted_spreadsheet_and_quoted_line_breaks_are_read() {
    let outcome = run("id\tpolicy\tscheme\tcategory\tlevel\tcompliant\n\
                       \"x\ny\"\tinner_mongolia\tresident\tordinary\tcounty\t20000\n");
    assert_eq!(outcome.failed, 0, "{:?}", outcome.errors);
    assert!(
        outcome.csv.contains("\"x\ny\",inner_mongolia"),
        "{}",
        outcome.csv
    );
}

/// A household id that a spreadsheet would run as a formula is written as text.
#[test]
fn an_id_cannot_become_a_formula() {
    let outcome = run("id,policy,scheme,category,level,compliant\n\
                       =1+1,inner_mongolia,resident,ordinary,county,20000\n");
    assert!(
        outcome.csv.contains("\r\n\"'=1+1\",inner_mongolia"),
        "{}",
        outcome.csv
    );
}

#[test]
fn an_unclosed_quote_is_an_error_of_its_row() {
    let outcome = run("id,policy,scheme,category,level,compliant\n\
                       a,inner_mongolia,resident,ordinary,county,20000\n\
                       b,\"inner_mongolia,resident,ordinary,county,20000\n");
    assert_eq!((outcome.rows, outcome.failed), (2, 1));
    assert_eq!(
        outcome.errors[0].message_zh,
        "引号没有配对：这一行的引号一直没有结束（下一行照常读取）"
    );
}

#[test]
fn a_file_that_is_not_a_table_of_households_is_refused_as_a_whole() {
    let policies = yibao::baked::policies().expect("baked");
    let error = batch::run("", policies, false).expect_err("empty");
    assert_eq!(
        error.message_zh(),
        "文件里没有数据：第一行应是表头，下面每行一户"
    );
    let error = batch::run(
        "id,policy,scheme,category,level\n1,a,b,c,d\n",
        policies,
        false,
    )
    .expect_err("no compliant column");
    assert_eq!(error.field(), "compliant");
    assert_eq!(
        error.message_zh(),
        "表头缺少这一列（合规费用）；格式见示例文件"
    );
    let error = batch::run(
        "id,policy,scheme,category,level,compliant,colour\n",
        policies,
        true,
    )
    .expect_err("unknown column");
    assert_eq!(error.field(), "colour");
    let error = batch::run(
        "id,policy,scheme,category,level,compliant\n",
        policies,
        true,
    )
    .expect_err("header only");
    assert_eq!(error.field(), "");
}

/// A row whose quote never closes is an error on that row only, and the file
/// is read on from the next line: with a header, the bad row and 1,000 good
/// rows, the summary says 1,001 households, 1 with an error (the quote used
/// to swallow every following row: "1 household, 1 with errors"). The same
/// with the quote opening on the last row, and with the good rows long enough
/// that the open quote runs past the row length limit.
#[test]
fn an_unclosed_quote_spoils_only_its_own_row() {
    let header = "id,policy,date,scheme,category,age,level,compliant,out_of_policy\n";
    let good = "b,inner_mongolia,2020-06-30,resident,dibao,,county,1,0\n";
    let bad = "\"a,inner_mongolia,2020-06-30,resident,dibao,,county,1,0\n";
    let file = format!("{header}{bad}{}", good.repeat(1000));
    let outcome = run(&file);
    assert_eq!((outcome.rows, outcome.failed), (1001, 1));
    assert_eq!(outcome.errors[0].line, 2);
    assert_eq!(
        outcome.errors[0].message_en,
        "a quote opened on this row is never closed (the next line is read as usual)"
    );
    assert_eq!(rows(&outcome).len(), 1002, "one output row per input row");

    let outcome = run(&format!("{header}{good}{bad}"));
    assert_eq!((outcome.rows, outcome.failed), (2, 1));
    assert_eq!(outcome.errors[0].line, 3);

    // The first row's quote would close at the third row's opening quote,
    // merging three rows into one: the quotes pair up wrongly, and each row
    // with an odd quote is an error of its own.
    let outcome = run(&format!("{header}{bad}{good}{bad}{good}"));
    assert_eq!((outcome.rows, outcome.failed), (4, 2));
    let errors: Vec<(usize, &str)> = outcome
        .errors
        .iter()
        .map(|e| (e.line, &e.message_en[..15]))
        .collect();
    assert_eq!(errors, [(2, "misplaced quote"), (4, "a quote opened ")]);
}

/// Old Mac Excel ends lines with a lone CR: each is a line (the whole file
/// used to be one row, reported as "out_of_policya: unknown field").
#[test]
fn lines_ending_in_a_lone_carriage_return_are_rows() {
    let outcome = run("id,policy,scheme,category,level,compliant,out_of_policy\r\
                       a,inner_mongolia,resident,ordinary,county,20000,1000\r\
                       \"x\ry\",inner_mongolia,resident,ordinary,county,20000,1000\r\
                       c,inner_mongolia,resident,ordinary,county,abc,0\r");
    assert_eq!(
        (outcome.rows, outcome.failed),
        (3, 1),
        "{:?}",
        outcome.errors
    );
    assert_eq!(rows(&outcome)[1][12], "4425.00");
    assert_eq!(
        outcome.errors[0].line, 5,
        "the quoted CR is a line of its own"
    );
}

/// A row longer than any household's is refused on its own, and a file with
/// binary content (a spreadsheet, a picture) is not a text table.
#[test]
fn overlong_rows_and_binary_files_are_named() {
    let long = format!(
        "id,policy,scheme,category,level,compliant\nx,{},resident,ordinary,county,1\n\
         b,inner_mongolia,resident,ordinary,county,20000\n",
        "y".repeat(batch::MAX_ROW_CHARS)
    );
    let outcome = run(&long);
    assert_eq!((outcome.rows, outcome.failed), (2, 1));
    assert_eq!(
        outcome.errors[0].message_zh,
        "这一行超过 4096 个字，不像是表格里的一行；请检查文件"
    );
    for binary in ["PK\u{3}\u{4}\u{14}\0\0\0", "\u{feff}锘勘嗪\u{fffd}"] {
        let error = batch::run(binary, yibao::baked::policies().expect("baked"), false)
            .expect_err("not text");
        assert_eq!(error.kind(), &yibao::BatchError::NotText, "{binary:?}");
    }
}

/// A region written as its province (内蒙古, with or without 自治区) is read
/// where the province has one policy, and the policy's own level names then
/// work; a region that names no policy (宁夏 has four) is said first, at the
/// region column, not as a level problem; a level the policy does not have
/// lists the policy's own names.
#[test]
fn regions_by_province_and_levels_in_the_policy_s_words() {
    let outcome = run("编号,地区,医保,人员类别,医院级别,合规费用\n\
                       1,内蒙古,城乡居民医保,低保对象,旗县级医院（二级）,20000\n\
                       2,内蒙古自治区,resident,ordinary,county,20000\n\
                       3,宁夏,resident,ordinary,county,20000\n\
                       4,inner_mongolia,resident,ordinary,卫生室,20000\n\
                       5,,resident,ordinary,county,20000\n");
    assert_eq!(
        (outcome.rows, outcome.failed),
        (5, 3),
        "{:?}",
        outcome.errors
    );
    assert_eq!(rows(&outcome)[1][5], "16575.00");
    assert_eq!(rows(&outcome)[2][5], "16575.00");
    let errors: Vec<(&str, &str)> = outcome
        .errors
        .iter()
        .map(|e| (e.column.as_str(), e.message_zh.as_str()))
        .collect();
    assert_eq!(errors[0].0, "地区");
    assert!(
        errors[0].1.starts_with("没有名为“宁夏”的政策"),
        "{}",
        errors[0].1
    );
    assert_eq!(
        errors[1],
        (
            "医院级别",
            "该政策没有“卫生室”这一项；可选：苏木乡镇卫生院（一级）、旗县级医院（二级）、盟市级医院（三级）、township、county、city"
        )
    );
    assert_eq!(errors[2], ("地区", "缺少这一项"));
}
