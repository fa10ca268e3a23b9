//! The amount text the page reads as people type it (`1.2万`, `１２０００`,
//! `12,000`): a value read is within 0 ..= 1 亿, to the fen, and reads back
//! the same from its own decimal string.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yibao::money;

fuzz_target!(|data: &str| {
    if let Ok(value) = money::parse_amount("amount", data) {
        assert!(value >= rust_decimal::Decimal::ZERO && value <= money::MAX_AMOUNT);
        assert!(value.scale() <= 2);
        let again = money::parse_amount("amount", &money::to_decimal_string(value));
        assert_eq!(again, Ok(value));
    }
});
