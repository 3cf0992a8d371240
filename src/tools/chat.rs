//! `genre chat`: the terminal simulator.
//!
//! Interactive, or with piped input (one teen message per line, every reply printed, exit at
//! the end of input), so that staff and scripts can replay a conversation. Besides messages it
//! understands a few commands, all starting with `/`:
//!
//! * `/tap N` taps button N of the last message (typing the number also works, as on SMS)
//! * `/wait 5h` moves the clock forward
//! * `/close` closes the teen's case, as a counsellor would
//! * `/state` shows what the bot remembers about the teen
//! * `/quit`

use std::io::{BufRead, IsTerminal, Write};

use super::sim::{Simulator, parse_duration};
use crate::engine::Inbound;

/// Runs the simulator over `input` (stdin), writing to `out`.
pub fn run(
    sim: &mut Simulator,
    input: impl BufRead,
    out: &mut impl Write,
    interactive: bool,
) -> std::io::Result<()> {
    if interactive {
        writeln!(
            out,
            "Genre simulator ({}). Type as a teen would; /tap N, /wait 5h, /close, /state, /quit.",
            sim.channel.name()
        )?;
    }
    let mut shown = 0;
    let prompt = |out: &mut dyn Write| -> std::io::Result<()> {
        if interactive {
            write!(out, "teen> ")?;
            out.flush()?;
        }
        Ok(())
    };
    prompt(out)?;
    for line in input.lines() {
        let line = line?;
        let trimmed = line.trim();
        if !interactive {
            shown = sim.transcript.len();
        }
        let result = match trimmed.split_once(' ').unwrap_or((trimmed, "")) {
            ("/quit" | "/exit", _) => break,
            ("/tap", n) => n
                .trim()
                .parse()
                .map_err(|_| "write /tap and a button number, e.g. /tap 2".to_string())
                .and_then(|n| sim.tap(n).map(|_| ())),
            ("/wait", d) => parse_duration(d).map(|d| sim.wait(d)),
            ("/close", _) => {
                sim.transcript
                    .push("      (a counsellor closes the case)".into());
                sim.event(Inbound::CaseClosed);
                Ok(())
            }
            ("/state", _) => {
                let json = serde_json::to_string_pretty(&sim.state).unwrap_or_default();
                sim.transcript.push(json);
                Ok(())
            }
            ("", _) => Ok(()),
            _ => {
                sim.say(&line);
                Ok(())
            }
        };
        if let Err(e) = result {
            sim.transcript.push(format!("      ({e})"));
        }
        // Interactive: the teen's line is already on screen.
        let from = if interactive {
            (shown..sim.transcript.len())
                .find(|i| !sim.transcript[*i].starts_with("teen> "))
                .unwrap_or(sim.transcript.len())
        } else {
            shown
        };
        for entry in &sim.transcript[from..] {
            writeln!(out, "{entry}")?;
        }
        shown = sim.transcript.len();
        prompt(out)?;
    }
    if interactive {
        writeln!(out)?;
    }
    Ok(())
}

/// Whether stdin is a terminal (interactive use) rather than a pipe.
pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}
