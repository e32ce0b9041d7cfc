//! The pipeline: normaliser and segmenter built once, then each input document goes one way
//! through it: normalise → split and segment → (extract) → record.

use crate::calendar::Day;
use crate::dictionaries::Dictionaries;
use crate::document::Document;
use crate::error::Error;
use crate::extract::dates::{DateMention, Dateline, Dates};
use crate::extract::figures::{self, Figure, NumberedNames};
use crate::extract::gazetteer::Gazetteer;
use crate::extract::numbers;
use crate::extract::places::{Place, Places};
use crate::extract::sectors::{Sector, SectorSystem, Sectors};
use crate::extract::targets::{Report, Target, Targets};
use crate::extract::units::Units;
use crate::input::InputDocument;
use crate::normalize::Normalizer;
use crate::record::{PublishedFrom, Record, Stats, Warning, SCHEMA_VERSION};
use crate::segment::Segmenter;

/// Everything that is built once per process and shared by reference across threads.
pub struct Pipeline {
    normalizer: Normalizer,
    segmenter: Segmenter,
    units: Units,
    numbered_names: NumberedNames,
    sectors: Sectors,
    places: Places,
    dates: Dates,
    targets: Targets,
}

impl Pipeline {
    /// Builds the pipeline from `dictionaries`; a malformed dictionary line fails here, never
    /// later.
    pub fn new(dictionaries: &Dictionaries) -> Result<Pipeline, Error> {
        // jieba's dictionary and the gazetteer are the two slow builds: side by side, start-up
        // waits for the slower only. The gazetteer is the quicker, so jieba-rs's tagging model
        // is read after it.
        let (segmenter, places) = std::thread::scope(|scope| {
            let places = scope.spawn(|| {
                let places = Places::new(
                    Gazetteer::new(
                        dictionaries.divisions(),
                        dictionaries.world(),
                        dictionaries.landforms(),
                    )?,
                    dictionaries.place_words(),
                );
                Segmenter::load_tagging_model();
                places
            });
            let segmenter = Segmenter::new(dictionaries);
            let places = places
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (segmenter, places)
        });
        Ok(Pipeline {
            normalizer: Normalizer::new(dictionaries)?,
            segmenter: segmenter?,
            units: Units::new(dictionaries.units())?,
            numbered_names: NumberedNames::new(dictionaries.numbered_names())?,
            sectors: Sectors::new(dictionaries.sectors(), dictionaries.sector_words())?,
            places: places?,
            dates: Dates::new(dictionaries.date_words(), dictionaries.eras())?,
            targets: Targets::new(dictionaries.target_words())?,
        })
    }

    /// A text normalised as documents are (Simplified, pinyin annotations removed), for
    /// comparing phrases written either way.
    pub fn normalize(&self, text: &str) -> String {
        self.normalizer.normalize(text).text
    }

    /// Normalises, splits and segments a text.
    pub fn analyze(&self, text: String) -> Document {
        Document::new(text, &self.normalizer, &self.segmenter)
    }

    /// The figures of an analysed document.
    pub fn figures(&self, document: &Document) -> Vec<Figure> {
        figures::find(
            document,
            &numbers::find(document),
            &self.units,
            &self.numbered_names,
        )
    }

    /// The dates of an analysed document; `published` anchors the relative ones.
    pub fn dates(&self, document: &Document, published: Option<Day>) -> Vec<DateMention> {
        self.dates.find(document, published)
    }

    /// The sectors and sector systems of an analysed document.
    pub fn sectors(&self, document: &Document) -> (Vec<Sector>, Vec<SectorSystem>) {
        self.sectors.find(document)
    }

    /// The places of an analysed document.
    pub fn places(&self, document: &Document) -> Vec<Place> {
        self.places.find(document)
    }

    /// The targets and reported figures of an analysed document, linked from its other
    /// entities.
    pub fn targets(
        &self,
        document: &Document,
        figures: &[Figure],
        dates: &[DateMention],
        places: &[Place],
        published: Option<Day>,
    ) -> (Vec<Target>, Vec<Report>) {
        self.targets
            .find(document, &self.segmenter, figures, dates, places, published)
    }

    /// One pipeline with the embedded dictionaries for the unit tests of every stage, built
    /// once: jieba's dictionary takes a while.
    #[cfg(test)]
    pub(crate) fn for_tests() -> &'static Pipeline {
        static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
        PIPELINE.get_or_init(|| {
            Pipeline::new(&Dictionaries::embedded()).expect("embedded dictionaries")
        })
    }

    /// Analyses an input document and builds its record.
    pub fn process(&self, input: InputDocument) -> Record {
        let document = self.analyze(input.text);
        let changes = document.changes();
        let (sectors, sector_systems) = self.sectors(&document);
        let (mut meta, mut warnings) = (input.meta, input.warnings);
        if meta.published.is_none() {
            match self.dates.dateline(&document) {
                Some(Dateline::Dated(day, _)) => {
                    meta.published = Some(day.to_string());
                    meta.published_from = Some(PublishedFrom::Dateline);
                }
                Some(Dateline::Undated(text)) => warnings.push(Warning {
                    kind: "dateline_without_year".to_string(),
                    message: format!(
                        "the dateline {text:?} gives no year, so relative dates stay unresolved: \
                         give the date with --published or a sidecar"
                    ),
                }),
                None => {}
            }
        }
        let published = meta.published.as_deref().and_then(Day::parse_iso);
        let numbers = numbers::find(&document);
        let figures = figures::find(&document, &numbers, &self.units, &self.numbered_names);
        let dates = self.dates.find(&document, published);
        let places = self.places.find(&document);
        let (targets, reports) = self.targets(&document, &figures, &dates, &places, published);
        Record {
            schema_version: SCHEMA_VERSION,
            id: input.id,
            source: input.source,
            meta,
            stats: Stats {
                chars: document.original_chars(),
                normalized_chars: document.normalized_index().chars(),
                sentences: document.sentences().len(),
                tokens: document.tokens().len(),
                pinyin_annotations_removed: changes.pinyin_annotations_removed,
                traditional_converted: changes.traditional_chars_converted > 0,
                traditional_chars_converted: changes.traditional_chars_converted,
                width_folded: changes.width_folded,
            },
            sentences: document
                .sentences()
                .iter()
                .map(|sentence| document.to_original(sentence.span))
                .collect(),
            figures,
            dates,
            places,
            sectors,
            sector_systems,
            targets,
            reports,
            warnings,
        }
    }
}
