//! A scenario as a link fragment, and back.
//!
//! # Fragment format
//!
//! The link is `…?token=TAO&range=90d#s=<payload>` (the query carries the view, read by the
//! app's link module; the fragment carries the scenario and is never sent to a server), where
//!
//! ```text
//! payload = base64url-no-padding( version ‖ raw-DEFLATE( postcard( scenario ) ) )
//! ```
//!
//! - `version`: one byte, outside the compression so a later format may change everything
//!   after it. The current one is [`VERSION`] (4); versions 1, 2 and 3 ([`super::v1`],
//!   [`super::v2`], [`super::v3`]) are still read.
//! - `postcard(scenario)`: the [`Scenario`] in [postcard]'s wire format: unsigned integers as
//!   varints, `i32` as zigzag varints, `f64` as its 8 little-endian bytes (so every quantity
//!   comes back bit for bit), strings and lists prefixed by their varint length, `Option` as
//!   a 0/1 byte. Postcard over a hand-written format because its wire format is specified and
//!   frozen at 1.0, it is compact (a holding is ~20 bytes before compression), pure Rust and
//!   `no_std`, and serde keeps the layout in one place: the struct definitions. An enum is
//!   its variant's index as a varint, then the variant's fields; a `bool` one byte.
//! - raw DEFLATE (RFC 1951, no zlib header or checksum), by `miniz_oxide` at its highest level.
//! - base64url (RFC 4648 §5) without `=` padding: only `A–Z a–z 0–9 - _`, safe in a fragment.
//!
//! [`decode`] accepts the payload alone, `s=<payload>`, `#<payload>` or `#s=<payload>`.
//!
//! # Limits
//!
//! [`decode`] refuses, before any other work, a link longer than [`MAX_LINK_LEN`] bytes, and
//! stops inflating at [`MAX_DECOMPRESSED`] bytes, so neither a long link nor a "zip bomb"
//! (a few kilobytes that inflate to gigabytes) can exhaust memory. Every valid scenario fits
//! both with room to spare: its binary form is at most ~11.7 KB, which even incompressible
//! becomes ~15,600 characters. It then checks [`Scenario::validate`], so a decoded scenario is
//! always a valid one. No input makes it panic.
//!
//! # Versions and migrations
//!
//! Each format version has a type that reads its layout; the current version's type is
//! [`Scenario`] itself. Each older type converts into the next one (`From<V1> for V2`,
//! `From<V2> for V3`, …), so a link of any supported version is read with its own type and
//! migrated step by step to the current one. Versions never listed (0, and any later than
//! [`VERSION`]) give [`LinkError::UnsupportedVersion`].
//!
//! When the layout of [`Scenario`] (or [`Holding`](super::Holding)) must change:
//! 1. copy the current types verbatim into a frozen `ScenarioV1` (and `HoldingV1`),
//! 2. change [`Scenario`] and bump [`VERSION`] to 2,
//! 3. write `impl From<ScenarioV1> for Scenario` (the migration),
//! 4. in `read_version`, make the `1` arm read `ScenarioV1` (the `VERSION` arm reads
//!    [`Scenario`]).
//!
//! Version 2 was made this way from version 1 (which had holdings without side or stop, the
//! seed and the date): [`super::v1`] holds the frozen types and their migration. Version 3
//! added the sizing to version 2: [`super::v2`]. Version 4 added the positioning and the
//! tokenomics edits to version 3: [`super::v3`].
//!
//! The pinned links in this module's tests (one per version) must keep decoding to the same
//! scenario: they fail if a layout changes without a new version.

use super::v1::ScenarioV1;
use super::v2::ScenarioV2;
use super::v3::ScenarioV3;
use super::{Scenario, ScenarioError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::inflate::core::{self as inflate_core, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use serde::de::DeserializeOwned;

/// The format version [`encode`] writes.
pub const VERSION: u8 = 4;
/// Longest link [`decode`] reads, in bytes, prefix included.
pub const MAX_LINK_LEN: usize = 16_384;
/// Most bytes a payload may inflate to.
pub const MAX_DECOMPRESSED: usize = 64 * 1024;
/// What precedes the payload in a link: `#s=<payload>`.
pub const FRAGMENT_PREFIX: &str = "#s=";

/// miniz_oxide's highest compression level.
const DEFLATE_LEVEL: u8 = 10;

/// Why a link's scenario could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LinkError {
    /// The link is longer than [`MAX_LINK_LEN`] (its length given).
    #[error("the link is too long to hold a scenario ({0} characters, at most {MAX_LINK_LEN})")]
    TooLong(usize),
    /// The fragment has no payload.
    #[error("the link holds no scenario")]
    Empty,
    /// The payload is not base64url without padding.
    #[error("the link's scenario is damaged: it has characters a scenario link never has (was it copied whole?)")]
    NotBase64,
    /// The compressed data does not inflate (truncated or altered).
    #[error(
        "the link's scenario is damaged: its compressed data is broken (was the link cut short?)"
    )]
    Corrupt,
    /// The payload inflates past [`MAX_DECOMPRESSED`].
    #[error("the link's scenario is too large to open (over {MAX_DECOMPRESSED} bytes unpacked)")]
    TooLarge,
    /// The format version is not one this build reads (0, or newer than [`VERSION`]).
    #[error("the link's scenario is in format {0}, which this version of Token Risk Lab cannot read (it reads format {VERSION}); a newer version may")]
    UnsupportedVersion(u8),
    /// The inflated bytes are not a scenario of the stated version.
    #[error("the link's scenario is damaged: its data does not read as a scenario")]
    Malformed,
    /// The scenario reads but breaks a rule of [`Scenario::validate`].
    #[error("the link's scenario is not valid: {0}")]
    Invalid(#[from] ScenarioError),
}

/// The payload of `scenario` (without [`FRAGMENT_PREFIX`]), in the current [`VERSION`].
///
/// It does not validate: an invalid scenario encodes, and [`decode`] then refuses it with
/// [`LinkError::Invalid`]. Call [`Scenario::validate`] first to tell the sender.
pub fn encode(scenario: &Scenario) -> String {
    // Serialising into a Vec only fails for types serde cannot express; Scenario has none.
    let binary = postcard::to_allocvec(scenario).unwrap_or_default();
    let mut bytes = Vec::with_capacity(binary.len() / 2 + 8);
    bytes.push(VERSION);
    bytes.extend(miniz_oxide::deflate::compress_to_vec(
        &binary,
        DEFLATE_LEVEL,
    ));
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The whole fragment of `scenario`: [`FRAGMENT_PREFIX`] then its [`encode`]d payload.
pub fn to_fragment(scenario: &Scenario) -> String {
    format!("{FRAGMENT_PREFIX}{}", encode(scenario))
}

/// The scenario a link's fragment carries: the payload alone, or after `#`, `s=` or `#s=`.
///
/// # Errors
/// [`LinkError`], checked in this order: length, empty, base64, version, inflation (bytes
/// after the DEFLATE stream included), binary layout (bytes after the scenario included), then
/// [`Scenario::validate`].
pub fn decode(link: &str) -> Result<Scenario, LinkError> {
    if link.len() > MAX_LINK_LEN {
        return Err(LinkError::TooLong(link.len()));
    }
    let payload = link.strip_prefix('#').unwrap_or(link);
    let payload = payload.strip_prefix("s=").unwrap_or(payload);
    if payload.is_empty() {
        return Err(LinkError::Empty);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| LinkError::NotBase64)?;
    let (&version, compressed) = bytes.split_first().ok_or(LinkError::Empty)?;
    let scenario = read_version(version, compressed)?;
    scenario.validate()?;
    Ok(scenario)
}

/// Reads `compressed` in the layout of `version` and migrates it to the current [`Scenario`].
fn read_version(version: u8, compressed: &[u8]) -> Result<Scenario, LinkError> {
    match version {
        VERSION => read::<Scenario>(compressed),
        // An older version reads as its frozen type and converts through `From`.
        1 => read::<ScenarioV1>(compressed),
        2 => read::<ScenarioV2>(compressed),
        3 => read::<ScenarioV3>(compressed),
        other => Err(LinkError::UnsupportedVersion(other)),
    }
}

/// Inflates `compressed` and reads it as a `T` (one version's layout), then migrates it to
/// the current [`Scenario`] through `T`'s chain of `From` conversions.
fn read<T: DeserializeOwned + Into<Scenario>>(compressed: &[u8]) -> Result<Scenario, LinkError> {
    let binary = inflate(compressed)?;
    let (value, rest) =
        postcard::take_from_bytes::<T>(&binary).map_err(|_| LinkError::Malformed)?;
    if !rest.is_empty() {
        return Err(LinkError::Malformed);
    }
    Ok(value.into())
}

/// Inflates one whole raw-DEFLATE stream, at most [`MAX_DECOMPRESSED`] bytes of output, with
/// nothing after its last block (so a link with bytes appended is [`LinkError::Corrupt`]).
fn inflate(compressed: &[u8]) -> Result<Vec<u8>, LinkError> {
    let mut decompressor = Box::new(DecompressorOxide::new());
    let mut out = vec![0; MAX_DECOMPRESSED];
    let (status, consumed, written) = inflate_core::decompress(
        &mut decompressor,
        compressed,
        &mut out,
        0,
        inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    );
    match status {
        TINFLStatus::Done if consumed == compressed.len() => {
            out.truncate(written);
            Ok(out)
        }
        TINFLStatus::HasMoreOutput => Err(LinkError::TooLarge),
        _ => Err(LinkError::Corrupt),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::assumptions::{MAX_EDITED_TOKENS, MAX_EDITS, MAX_KEY_LEN};
    use crate::scenario::{
        Headline, Holding, ParamEdit, Positioning, Shocks, Simulation, SimulationModel, Sizing,
        TokenomicsEdits, MAX_ASSET_LEN, MAX_HOLDINGS,
    };

    /// What the pinned version-1 link holds, as version 2 reads it: three long holdings
    /// without stops, every setting version 1 lacked at its default.
    fn sample() -> Scenario {
        Scenario {
            holdings: vec![
                Holding {
                    entry_price: Some(412.3),
                    ..Holding::spot("TAO", 12.5)
                },
                Holding {
                    leverage: Some(3.0),
                    ..Holding::spot("BTC", 0.25)
                },
                Holding::spot("ETH", 4.0),
            ],
            seed: 42,
            as_of: Some(20_148), // 2025-03-01
            ..Scenario::default()
        }
    }

    /// A version-2 scenario using what version 1 could not say: a short with a stop, other
    /// shocks, a leg off, a Student-t simulation, a headline.
    fn sample_v2() -> Scenario {
        let mut s = sample();
        s.holdings[1].short = true;
        s.holdings[1].stop = Some(72_000.0);
        s.holdings[0].stop = Some(300.0);
        s.shocks = Shocks {
            btc: -0.2,
            ai_equities: -0.1,
            ai_sector: -0.35,
        };
        s.legs.supply = false;
        s.liquidity_haircut = 0.3;
        s.simulation = Simulation {
            model: SimulationModel::StudentT {
                degrees_of_freedom: 4.0,
            },
            horizon_days: 365,
            paths: 50_000,
        };
        s.headline = Some(Headline {
            value: 25_000.0,
            var: 0.061,
            es: 0.092,
            stress_loss: 0.33,
            simulated_var: Some(0.45),
        });
        s
    }

    /// Base64url of `version ‖ deflate(binary)`.
    fn payload(version: u8, binary: &[u8]) -> String {
        let mut bytes = vec![version];
        bytes.extend(miniz_oxide::deflate::compress_to_vec(binary, 6));
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A version-1 link, made by a build that wrote version 1. It must decode to `sample()` for as long
    /// as version 1 is read.
    const PINNED_V1: &str =
        "ASXIsQ3AIAwF0e-4SZk1kiXiBCHR0XgZVqOmBIkxGAOEr3o6Zv0idrdQq6uSBPyrs9tfkOkU9hrMlwAPjXxM";

    #[test]
    fn a_pinned_version_1_link_opens_migrated() {
        assert_eq!(decode(PINNED_V1), Ok(sample()));
        assert_eq!(decode(&format!("#s={PINNED_V1}")), Ok(sample()));
        assert_eq!(decode(&format!("s={PINNED_V1}")), Ok(sample()));
        assert_eq!(decode(&format!("#{PINNED_V1}")), Ok(sample()));
        // Re-encoded, it is a link of the current version of the same scenario.
        assert_eq!(
            URL_SAFE_NO_PAD.decode(encode(&sample())).expect("base64")[0],
            VERSION
        );
        assert_eq!(decode(&encode(&sample())), Ok(sample()));
    }

    /// `sample_v2()` as a version-2 link. This string must decode to `sample_v2()` for as
    /// long as version 2 is read: if this fails, the layout changed without a new version.
    const PINNED_V2: &str = "AjWOrQoCURCF79wpG30A0azVaJhREWyLcJNZDEabD6DNZtFnEIz-lGuwCCssiGIQrIIYfAPvzrhfODOc4QwH0TViI1QYzkngOGZjQKzDiLHpWnpP6e-aiEG3-Zex7TrqFjjTKrz2drnIOHmdOz8Qbh5CriZcyOapj02nqP-Gd45WxV6_vqYgz3i2ofLk3d2WriTVkgf9AA";

    #[test]
    fn a_pinned_version_2_link_decodes() {
        assert_eq!(decode(PINNED_V2), Ok(sample_v2()));
    }

    /// A version-3 scenario: version 2's with a sizing of its own.
    fn sample_v3() -> Scenario {
        Scenario {
            sizing: Sizing {
                asset: "BTC".into(),
                risk_per_trade: 0.02,
                volatility_target: 0.35,
                kelly_fraction: 0.5,
                slippage_limit_bps: 25.0,
                es_cap: 0.04,
            },
            ..sample_v2()
        }
    }

    /// `sample_v3()` as a version-3 link. This string must decode to `sample_v3()` for as
    /// long as version 3 is read: if this fails, the layout changed without a new version.
    const PINNED_V3: &str = "AzWOLwsCQRDFd2_LRYNRNGs1iWFGRbQdwiazGIw2NWuzXdFsFI3-KWuwCCcciGIQ1CaIwW_g7s76CzPDG97jCSFLAbNkkR8jzb6HjHEr7booyrJC_xicynzkdIVfFFVZJzWBZub4a-tNJ4aDor1RbctFce3LW07g_V0fLx4Jyutc0Z-nmq3iEvS4B-MVZIbvxjp9BuoW3cAUGiQXtWc_BJcLFPVwu4D0n8EP";

    #[test]
    fn a_pinned_version_3_link_decodes() {
        assert_eq!(decode(PINNED_V3), Ok(sample_v3()));
    }

    /// A version-4 scenario: version 3's with a positioning and tokenomics edits.
    fn sample_v4() -> Scenario {
        Scenario {
            positioning: Positioning {
                long_share: 0.8,
                leverage_mix: crate::cascade::LeverageMixPreset::HeatmapVendor,
            },
            tokenomics: vec![TokenomicsEdits {
                asset: "TAO".into(),
                edits: vec![ParamEdit {
                    key: "sell_through".into(),
                    value: 0.5,
                }],
            }],
            ..sample_v3()
        }
    }

    /// `sample_v4()` as a version-4 link. This string must decode to `sample_v4()` for as
    /// long as version 4 is read: if this fails, the layout changed without a new version.
    const PINNED_V4: &str = "BDWPvQ8BQRDFb28bhUKhFGpalShmEaG7SK7SaHxc5BLJoUBNp7uGWimUPppTaCQnuUSIQoKOiMJ_4Hbn7lfMbN7kvZ2hVM0okiDOyNF22feYJBEh7QxGs2oO5w54qhRgBF_mj9G8WkQ1xHhNkNdWnk44Bwv7xqoLLhZxfUnBCWTf9ZWdEcW85pUF5pFyNb0Et9yV8Qpiw09pHT0D7mbfgC80CC8Kz74JXi5g1MPrKYbzGeD_b5AJP5ME2zVdr3Q0o9VtaL7nDw";

    #[test]
    fn a_pinned_version_4_link_decodes() {
        assert_eq!(decode(PINNED_V4), Ok(sample_v4()));
    }

    #[test]
    fn the_sample_encodes_to_the_pinned_link() {
        // (A new miniz_oxide may compress differently; if only this test fails, re-pin the
        // string: old links still decode.)
        let encoded = encode(&sample_v4());
        assert_eq!(encoded, PINNED_V4);
        assert_eq!(to_fragment(&sample_v4()), format!("#s={PINNED_V4}"));
    }

    #[test]
    fn the_default_scenario_round_trips() {
        let encoded = encode(&Scenario::default());
        assert_eq!(decode(&encoded), Ok(Scenario::default()));
    }

    #[test]
    fn the_largest_valid_scenario_fits_the_limits() {
        // 200 holdings with the longest ids and every option present, and the most tokenomics
        // edits with the longest ids and keys: the largest binary form.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        // A value in [base, base + 1) with 52 random mantissa bits.
        let float =
            |bits: u64, base: f64| f64::from_bits(bits >> 12 | 0x3FF0_0000_0000_0000) - 1.0 + base;
        let holdings = (0..MAX_HOLDINGS)
            .map(|i| Holding {
                asset: format!("{i:03}ABCDEFGHIJKLM"),
                quantity: float(next(), 1e6),
                entry_price: Some(float(next(), 1e3)),
                leverage: Some(float(next(), 100.0)),
                short: true,
                stop: Some(float(next(), 1e3)),
            })
            .collect();
        let s = Scenario {
            holdings,
            seed: u64::MAX,
            as_of: Some(i32::MIN),
            simulation: Simulation {
                paths: crate::scenario::settings::MAX_PATHS,
                ..Simulation::default()
            },
            sizing: Sizing {
                asset: "X".repeat(MAX_ASSET_LEN),
                ..Sizing::default()
            },
            tokenomics: (0..MAX_EDITED_TOKENS)
                .map(|t| TokenomicsEdits {
                    asset: format!("{t:02}ABCDEFGHIJKLMN"),
                    edits: (0..MAX_EDITS)
                        .map(|e| ParamEdit {
                            key: format!("{e:02}{}", "k".repeat(MAX_KEY_LEN - 2)),
                            value: float(next(), 1e3),
                        })
                        .collect(),
                })
                .collect(),
            ..sample_v2()
        };
        assert_eq!(s.validate(), Ok(()));
        let binary_len = postcard::to_allocvec(&s).expect("serialises").len();
        assert_eq!(binary_len, 11_676);
        let encoded = to_fragment(&s);
        assert!(encoded.len() < MAX_LINK_LEN, "{} characters", encoded.len());
        assert_eq!(decode(&encoded), Ok(s));
        // Even if those bytes did not compress at all, the link would fit.
        let noise: Vec<u8> = (0..binary_len).map(|_| next().to_le_bytes()[3]).collect();
        let worst = FRAGMENT_PREFIX.len() + payload(VERSION, &noise).len();
        assert!(worst < MAX_LINK_LEN, "{worst} characters");
        assert!(binary_len < MAX_DECOMPRESSED);
    }

    #[test]
    fn too_long_is_refused_before_decoding() {
        let link = "!".repeat(MAX_LINK_LEN + 1);
        assert_eq!(decode(&link), Err(LinkError::TooLong(MAX_LINK_LEN + 1)));
        // At the limit the length passes and the content is judged.
        assert_eq!(decode(&"!".repeat(MAX_LINK_LEN)), Err(LinkError::NotBase64));
    }

    #[test]
    fn empty_fragments_hold_no_scenario() {
        for link in ["", "#", "s=", "#s="] {
            assert_eq!(decode(link), Err(LinkError::Empty), "{link:?}");
        }
    }

    #[test]
    fn not_base64_is_refused() {
        for link in ["#s=ab+c", "#s=abc=", "#s=a", "#s=AB CD", "#s=éé", "#s=s=AQ"] {
            assert_eq!(decode(link), Err(LinkError::NotBase64), "{link:?}");
        }
    }

    #[test]
    fn unknown_and_future_versions_are_unsupported() {
        let binary = postcard::to_allocvec(&sample()).expect("serialises");
        for version in [0, VERSION + 1, 255] {
            assert_eq!(
                decode(&payload(version, &binary)),
                Err(LinkError::UnsupportedVersion(version))
            );
        }
        // Even with no data after the version byte.
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode([7])),
            Err(LinkError::UnsupportedVersion(7))
        );
    }

    #[test]
    fn broken_deflate_is_corrupt() {
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode([1])),
            Err(LinkError::Corrupt)
        );
        // Block type 3 is reserved in DEFLATE.
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode([1, 0xFF, 0xFF])),
            Err(LinkError::Corrupt)
        );
    }

    #[test]
    fn a_zip_bomb_is_too_large() {
        let bomb = vec![0_u8; 10 * MAX_DECOMPRESSED];
        let link = payload(VERSION, &bomb);
        assert!(link.len() < 2_000, "{} characters", link.len());
        assert_eq!(decode(&link), Err(LinkError::TooLarge));
    }

    #[test]
    fn bytes_that_are_not_a_scenario_are_malformed() {
        // A list of 5 holdings that ends after one byte.
        assert_eq!(
            decode(&payload(VERSION, &[5, 3])),
            Err(LinkError::Malformed)
        );
        // Nothing at all.
        assert_eq!(decode(&payload(VERSION, &[])), Err(LinkError::Malformed));
        // An asset name that is not UTF-8.
        let not_utf8 = [1, 2, 0xC3, 0x28, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
        assert_eq!(
            decode(&payload(VERSION, &not_utf8)),
            Err(LinkError::Malformed)
        );
        // A whole scenario followed by one more byte.
        let mut binary = postcard::to_allocvec(&sample()).expect("serialises");
        binary.push(0);
        assert_eq!(
            decode(&payload(VERSION, &binary)),
            Err(LinkError::Malformed)
        );
    }

    #[test]
    fn invalid_scenarios_are_refused_after_decoding() {
        let mut s = sample();
        s.holdings[2].quantity = -1.0;
        assert_eq!(
            decode(&encode(&s)),
            Err(LinkError::Invalid(ScenarioError::Quantity { index: 2 }))
        );
        s.holdings[2].quantity = f64::NAN;
        assert_eq!(
            decode(&encode(&s)),
            Err(LinkError::Invalid(ScenarioError::Quantity { index: 2 }))
        );
    }

    #[test]
    fn an_older_layout_migrates_through_from() {
        // How a retired version is read: its own type, then `From` into the next. This one is
        // made up for the test; production code has no version before 1.
        #[derive(serde::Deserialize)]
        struct Legacy {
            assets: Vec<(String, f64)>,
        }
        impl From<Legacy> for Scenario {
            fn from(old: Legacy) -> Self {
                Scenario {
                    holdings: old
                        .assets
                        .into_iter()
                        .map(|(a, q)| Holding::spot(a, q))
                        .collect(),
                    ..Scenario::default()
                }
            }
        }
        let binary = postcard::to_allocvec(&vec![("SOL".to_string(), 2.0_f64)]).expect("ok");
        let compressed = miniz_oxide::deflate::compress_to_vec(&binary, 6);
        let migrated = read::<Legacy>(&compressed).expect("reads");
        assert_eq!(migrated.holdings, vec![Holding::spot("SOL", 2.0)]);
        assert_eq!(migrated.seed, 1);
    }

    #[test]
    fn messages_read_as_sentences() {
        assert_eq!(
            LinkError::Corrupt.to_string(),
            "the link's scenario is damaged: its compressed data is broken (was the link cut short?)"
        );
        assert_eq!(
            LinkError::Invalid(ScenarioError::TooManyHoldings(300)).to_string(),
            "the link's scenario is not valid: it has 300 holdings, at most 200 are allowed"
        );
    }
}
