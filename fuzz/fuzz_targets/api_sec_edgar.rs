//! SEC EDGAR's companyconcept and companyfacts answers, chained into the fiscal quarters the
//! signals show and their year-on-year growth; and the quarters file the site serves, read back
//! and its companies' rows parsed.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_core::quarters::{fiscal_quarters, year_on_year};
use tokenrisk_market::company_quarters::QuartersFile;
use tokenrisk_market::sources::sec_edgar;

fuzz_target!(|data: &[u8]| {
    let Some(body) = tokenrisk_fuzz::text(data) else {
        return;
    };
    let concepts = [
        sec_edgar::parse_company_concept(body, "USD"),
        sec_edgar::parse_company_facts(body, "PaymentsToAcquirePropertyPlantAndEquipment", "USD"),
    ];
    for concept in concepts.iter().flatten() {
        let quarters = fiscal_quarters(&concept.period_values());
        let _ = year_on_year(&quarters);
        let _ = concept.latest_end();
    }
    if let Ok((file, _)) = QuartersFile::from_json(body) {
        for company in &file.companies {
            let quarters = company.parsed().expect("kept companies parse");
            let _ = year_on_year(&quarters);
        }
    }
});
