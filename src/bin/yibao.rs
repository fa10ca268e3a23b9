//! The `yibao` command line: thin glue over the library.
//!
//! Exit status: 0 on success, 2 on bad input or usage (message on stderr).

use std::process::ExitCode;

const USAGE: &str = "\
yibao — 医保报销测算 / medical-insurance benefit estimator

用法 / usage:
  yibao amount [--json] TEXT   读取一个金额（如 12000、12,000、１２０００、1.2万）并按两位小数输出
                               read an amount as people type it; print it with two decimals
  yibao --version              版本 / version
  yibao help                   本说明 / this help
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["amount", rest @ ..] => amount(rest),
        ["--version" | "-V"] => {
            println!("yibao {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error(),
    }
}

fn amount(args: &[&str]) -> ExitCode {
    let (json, text) = match args {
        ["--json", text] => (true, *text),
        [text] => (false, *text),
        _ => return usage_error(),
    };
    match yibao::read_amount("amount", text) {
        Ok(parsed) if json => print_json(&parsed),
        Ok(parsed) => {
            println!("{} 元", parsed.display);
            ExitCode::SUCCESS
        }
        Err(error) => {
            if json {
                eprintln!(
                    "{}",
                    serde_json::to_string(&error).unwrap_or_else(|e| e.to_string())
                );
            } else {
                eprintln!("错误 / error: {error}");
            }
            ExitCode::from(2)
        }
    }
}

fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string(value) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("错误 / error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error() -> ExitCode {
    eprint!("{USAGE}");
    ExitCode::from(2)
}
