//! `atscore slo rules | dashboards | report`: the service levels of `deploy/slo/slos.yaml`
//! (or `--spec FILE`; the spec built into the binary when neither exists) turned into
//! Prometheus rules and Grafana dashboards, or measured against a running Prometheus.
//! `--check` compares instead of writing and exits 1 on drift (CI keeps the committed files in
//! step with the spec).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use atscore_slo::prom::Prometheus;
use atscore_slo::{dashboards, report, rules, Spec, Window};

#[derive(clap::Args, Debug)]
pub struct SloArgs {
    #[command(subcommand)]
    pub action: SloAction,
    /// The SLO spec (default: deploy/slo/slos.yaml when present, else the one built in).
    #[arg(long, value_name = "FILE", global = true)]
    pub spec: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum SloAction {
    /// Write the Prometheus recording rules and burn-rate alerts.
    Rules {
        /// Where to write them (`-` for standard output).
        #[arg(long, short, default_value = "deploy/prometheus/slo-rules.yml")]
        output: PathBuf,
        /// Exit 1 when the file differs from what the spec gives, instead of writing it.
        #[arg(long)]
        check: bool,
        /// Replace every alert's `for` (e.g. `0s` for a quick alert drill); not for production.
        #[arg(long, value_name = "DURATION")]
        alert_hold: Option<String>,
    },
    /// Write the Grafana dashboards (JSON, one file each).
    Dashboards {
        /// The directory to write them to.
        #[arg(long, short, default_value = "deploy/grafana/dashboards")]
        output: PathBuf,
        /// Exit 1 when a file differs from what the spec gives, instead of writing it.
        #[arg(long)]
        check: bool,
    },
    /// Each SLI over a window against its objective: compliance, budget left, burn rate.
    Report {
        /// The Prometheus server that scrapes atscore (e.g. http://127.0.0.1:9090).
        #[arg(long, value_name = "URL")]
        prometheus: String,
        /// The compliance window (default: the spec's period, 30d).
        #[arg(long, value_name = "DURATION")]
        window: Option<String>,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

fn load_spec(path: Option<&Path>) -> Result<Spec, String> {
    let default = Path::new("deploy/slo/slos.yaml");
    let path = match path {
        Some(p) => Some(p),
        None if default.is_file() => Some(default),
        None => None,
    };
    match path {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            Spec::parse(&text).map_err(|e| format!("{}: {e}", p.display()))
        }
        None => Ok(Spec::embedded()),
    }
}

/// Write `text` to `path`, or with `check` compare and say whether it drifted.
fn emit(path: &Path, text: &str, check: bool) -> Result<bool, String> {
    if path == Path::new("-") {
        print!("{text}");
        return Ok(true);
    }
    if check {
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if current != text {
            eprintln!(
                "{} is out of date with the SLO spec: run `atscore slo` without --check",
                path.display()
            );
            return Ok(false);
        }
        println!("{} is up to date", path.display());
        return Ok(true);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(true)
}

pub fn run(args: SloArgs) -> ExitCode {
    let spec = match load_spec(args.spec.as_deref()) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let outcome = match args.action {
        SloAction::Rules {
            output,
            check,
            alert_hold,
        } => {
            let spec = match alert_hold.as_deref().map(Window::parse).transpose() {
                Ok(Some(hold)) => spec.with_alert_hold(hold),
                Ok(None) => spec,
                Err(e) => return fail(&format!("--alert-hold: {e}")),
            };
            emit(&output, &rules::generate(&spec), check)
        }
        SloAction::Dashboards { output, check } => {
            let mut all_ok = Ok(true);
            for (name, d) in dashboards::all(&spec) {
                let problems = dashboards::lint(&d);
                if !problems.is_empty() {
                    return fail(&format!("dashboard {name}: {}", problems.join("; ")));
                }
                match emit(&output.join(&name), &dashboards::render(&d), check) {
                    Ok(true) => {}
                    other => all_ok = other,
                }
                if all_ok.is_err() {
                    break;
                }
            }
            all_ok
        }
        SloAction::Report {
            prometheus,
            window,
            json,
        } => {
            let window = match window.as_deref().map(Window::parse).transpose() {
                Ok(w) => w.unwrap_or(spec.period),
                Err(e) => return fail(&format!("--window: {e}")),
            };
            let source = match Prometheus::new(&prometheus) {
                Ok(s) => s,
                Err(e) => return fail(&e.to_string()),
            };
            match report::build(&spec, &source, window) {
                Ok(r) if json => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&r).expect("report serialises")
                    );
                    Ok(true)
                }
                Ok(r) => {
                    print!("{}", r.to_table());
                    Ok(true)
                }
                Err(e) => return fail(&e.to_string()),
            }
        }
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => fail(&e),
    }
}
