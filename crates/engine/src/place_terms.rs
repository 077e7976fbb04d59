//! The names of a place as one index generation holds them: each name analysed for the
//! title and the body, kept only when every term of it occurs, and weighed. Looked up once
//! per place and generation, so a query naming a place with dozens of spellings looks up only the few
//! the articles use.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::schema::Field;
use tantivy::{Score, Term};

/// A name's terms with their positions.
pub type Form = Vec<(usize, Term)>;

/// Analysed terms joined by a space (a translation, a compound's other writing) as a form
/// in `field`.
pub fn joined_form(field: Field, terms: &str) -> Form {
    terms
        .split(' ')
        .enumerate()
        .map(|(pos, t)| (pos, Term::from_field_text(field, t)))
        .collect()
}

/// `terms` with their positions renumbered in order, whatever each part's own were.
pub fn renumbered(terms: Form) -> Form {
    terms
        .into_iter()
        .enumerate()
        .map(|(pos, (_, term))| (pos, term))
        .collect()
}

/// The forms of one place's names that occur in the title and the body fields, each with
/// its weight.
#[derive(Debug, Default)]
pub struct PlaceTerms {
    pub title: Vec<(Form, Score)>,
    pub body: Vec<(Form, Score)>,
}

/// Place id → its forms in this generation.
#[derive(Debug, Default)]
pub struct PlaceTermCache(Mutex<HashMap<u64, Arc<PlaceTerms>>>);

impl PlaceTermCache {
    /// The forms of place `id`, made by `make` on first use.
    pub fn get_or_make<E>(
        &self,
        id: u64,
        make: impl FnOnce() -> Result<PlaceTerms, E>,
    ) -> Result<Arc<PlaceTerms>, E> {
        if let Some(found) = self.lock().get(&id) {
            return Ok(found.clone());
        }
        // Made outside the lock: two first queries of one place may both make it, and the
        // results are equal.
        let made = Arc::new(make()?);
        self.lock().insert(id, made.clone());
        Ok(made)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<PlaceTerms>>> {
        // A panic while holding the lock leaves the map whole: every insert is one call.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
