//! `tokenrisk scenario`: the scenario a shared link carries, between its JSON form and its
//! link fragment (`#s=…`, the core's versioned, compressed codec,
//! [`tokenrisk_core::scenario::codec`]).
//!
//! - `default` prints the default scenario as JSON;
//! - `encode FILE.json` (or `-` for standard input) prints the fragment of the scenario in the
//!   file, after checking its rules;
//! - `decode FRAGMENT` prints the JSON of the scenario a fragment (or a whole link) holds,
//!   version-1 links migrated.
//!
//! A bad file or fragment exits 2 with the reason on standard error.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use tokenrisk_core::scenario::{decode, to_fragment, Scenario};

/// What to do.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ScenarioCommand {
    /// Print the default scenario as JSON.
    Default,
    /// Print the link fragment (`#s=…`) of a scenario in JSON.
    Encode {
        /// The scenario's JSON file, or `-` for standard input. Fields left out take their
        /// default values.
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
    /// Print the scenario a link fragment holds, as JSON.
    Decode {
        /// The fragment: `#s=<payload>`, `s=<payload>`, the payload alone, or a whole link.
        #[arg(value_name = "FRAGMENT")]
        fragment: String,
    },
}

/// The subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct ScenarioArgs {
    #[command(subcommand)]
    command: ScenarioCommand,
}

/// Runs the command: its output on standard output and status 0, or the reason on standard
/// error and status 2.
pub fn main(args: &ScenarioArgs) -> ExitCode {
    match run(&args.command, &mut std::io::stdin()) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("tokenrisk scenario: {message}");
            ExitCode::from(2)
        }
    }
}

/// The command's output, reading `-` from `stdin`.
///
/// # Errors
/// Why the file or fragment could not be read, as a sentence.
pub fn run(command: &ScenarioCommand, stdin: &mut dyn Read) -> Result<String, String> {
    match command {
        ScenarioCommand::Default => to_json(&Scenario::default()),
        ScenarioCommand::Encode { file } => {
            let text = read(file, stdin)?;
            let scenario: Scenario = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not a scenario: {e}", name(file)))?;
            scenario
                .validate()
                .map_err(|e| format!("{} is not a valid scenario: {e}", name(file)))?;
            Ok(to_fragment(&scenario))
        }
        ScenarioCommand::Decode { fragment } => {
            // A whole link: what follows its `#`.
            let fragment = fragment
                .split_once('#')
                .map_or(fragment.as_str(), |(_, f)| f);
            to_json(&decode(fragment.trim()).map_err(|e| e.to_string())?)
        }
    }
}

fn to_json(scenario: &Scenario) -> Result<String, String> {
    serde_json::to_string_pretty(scenario).map_err(|e| format!("cannot write JSON: {e}"))
}

fn name(file: &std::path::Path) -> String {
    if file.as_os_str() == "-" {
        "standard input".into()
    } else {
        file.display().to_string()
    }
}

fn read(file: &std::path::Path, stdin: &mut dyn Read) -> Result<String, String> {
    let mut text = String::new();
    if file.as_os_str() == "-" {
        stdin
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    }
    Ok(text)
}
