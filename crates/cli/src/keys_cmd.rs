//! `atscore keys create NAME | list [--json] | revoke ID|PREFIX`: API keys in the configured
//! database (`--database-url`, else `DATABASE_URL`, else the config file, else
//! `sqlite://atscore.db`). A new key is printed once; only its hash is stored.

use std::process::ExitCode;

use clap::Subcommand;
use serde_json::json;

use atscore_server::app::keys_admin;
use atscore_server::infra::clock::rfc3339;

use crate::serve_cmd::ServeArgs;

#[derive(clap::Args, Debug)]
pub struct KeysArgs {
    #[command(subcommand)]
    pub action: KeysAction,
    /// Storage: sqlite://FILE or postgres://… (default: DATABASE_URL, then sqlite://atscore.db).
    #[arg(long, value_name = "URL", global = true)]
    pub database_url: Option<String>,
    /// Print JSON.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum KeysAction {
    /// Create a key and print it (shown once).
    Create {
        /// A name to recognise the key by ("ci", "alice").
        name: String,
    },
    /// List keys (prefix, name, created, last used, revoked).
    List,
    /// Revoke a key by id or by its prefix (at least 6 characters).
    Revoke {
        #[arg(value_name = "ID|PREFIX")]
        key: String,
    },
}

fn key_json(k: &atscore_server::infra::store::keys::ApiKey) -> serde_json::Value {
    json!({
        "id": k.id, "name": k.name, "prefix": k.prefix,
        "created_at": rfc3339(k.created_at),
        "last_used_at": k.last_used_at.map(rfc3339),
        "revoked_at": k.revoked_at.map(rfc3339),
    })
}

pub fn run(args: KeysArgs) -> ExitCode {
    let settings = ServeArgs {
        database_url: args.database_url.clone(),
        ..ServeArgs::default()
    }
    .settings();
    let url = match settings {
        Ok(s) => s.database_url,
        Err(e) => return fail(&e),
    };
    match args.action {
        KeysAction::Create { name } => match keys_admin::create(&url, &name) {
            Ok((k, secret)) => {
                if args.json {
                    let mut v = key_json(&k);
                    v["key"] = json!(secret);
                    println!("{v}");
                } else {
                    println!("{secret}");
                    eprintln!(
                        "created key {} ({}) — store it now, it is not shown again",
                        k.prefix, k.name
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e.to_string()),
        },
        KeysAction::List => match keys_admin::list(&url) {
            Ok(keys) => {
                if args.json {
                    println!(
                        "{}",
                        json!({"keys": keys.iter().map(key_json).collect::<Vec<_>>()})
                    );
                } else {
                    println!(
                        "{:<14} {:<20} {:<22} {:<22} status",
                        "prefix", "name", "created", "last used"
                    );
                    for k in &keys {
                        println!(
                            "{:<14} {:<20} {:<22} {:<22} {}",
                            k.prefix,
                            k.name,
                            rfc3339(k.created_at),
                            k.last_used_at
                                .map(rfc3339)
                                .unwrap_or_else(|| "never".into()),
                            k.revoked_at.map_or("active".to_string(), |t| format!(
                                "revoked {}",
                                rfc3339(t)
                            ))
                        );
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e.to_string()),
        },
        KeysAction::Revoke { key } => match keys_admin::revoke(&url, &key) {
            Ok(m) if m.len() == 1 => {
                if args.json {
                    println!("{}", key_json(&m[0]));
                } else {
                    eprintln!("revoked key {} ({})", m[0].prefix, m[0].name);
                }
                ExitCode::SUCCESS
            }
            Ok(m) if m.is_empty() => fail(&format!("no active key has the id or prefix {key:?}")),
            Ok(m) => fail(&format!(
                "{key:?} matches {} keys ({}); give more of the prefix or the id",
                m.len(),
                m.iter()
                    .map(|k| k.prefix.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Err(e) => fail(&e.to_string()),
        },
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}
