//! `frontline-gazetteer build`: compiles GeoNames into the gazetteer file the project ships;
//! `frontline-gazetteer outline`: simplifies the oblast boundaries into the map's outlines.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "frontline-gazetteer",
    version,
    about = "Compile the Frontline gazetteer from GeoNames and the KATOTTG codifier"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile GeoNames dumps into the shipped gazetteer file.
    Build {
        /// Folder with UA.txt.gz, admin2Codes_UA_RU.txt and cities500_RU_border_oblasts.tsv.
        #[arg(long, default_value = "../shared/data/gazetteer/geonames")]
        geonames: PathBuf,
        /// The KATOTTG codifier as TSV.
        #[arg(
            long,
            default_value = "../shared/data/gazetteer/katottg/kodifikator.tsv.gz"
        )]
        katottg: PathBuf,
        #[arg(long, default_value = "crates/gazetteer/data/gazetteer.tsv.gz")]
        out: PathBuf,
    },
    /// Project and simplify oblast boundaries (GeoJSON) into the map outlines.
    Outline {
        #[arg(
            long,
            default_value = "../shared/data/gazetteer/boundaries/ukraine_oblasts.geojson"
        )]
        boundaries: PathBuf,
        #[arg(long, default_value = "crates/gazetteer/data/oblasts.tsv")]
        out: PathBuf,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Build {
            geonames,
            katottg,
            out,
        } => {
            let compiled = frontline_gazetteer_build::compile::compile(&geonames, &katottg)?;
            frontline_gazetteer_build::compile::write(&compiled, &out)?;
            let size = std::fs::metadata(&out)?.len();
            println!(
                "wrote {} places and {} raions to {} ({size} bytes)",
                compiled.places.len(),
                compiled.raions.len(),
                out.display()
            );
        }
        Command::Outline { boundaries, out } => {
            let geojson = std::fs::read_to_string(&boundaries)?;
            let text = frontline_gazetteer_build::outline::compile_outlines(&geojson)?;
            std::fs::write(&out, &text)?;
            println!(
                "wrote {} bytes of outlines to {}",
                text.len(),
                out.display()
            );
        }
    }
    Ok(())
}
