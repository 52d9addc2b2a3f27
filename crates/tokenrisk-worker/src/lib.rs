//! The Web Worker of Token Risk Lab: the page's long simulations run here, on their own
//! thread, so the page keeps answering input while they do.
//!
//! It speaks [`tokenrisk_core::simulation::job`]'s messages as bytes (`Uint8Array`): it
//! answers [`Reply::Ready`] when it starts, runs a [`Command::Run`] one [`Job::step`] at a
//! time, posting each reply, and yields to its event loop between steps so that a
//! [`Command::Cancel`] is read before the next one. A new run replaces the one under way,
//! which then stops without a word. A [`Command::Intervals`] (a report's resampled intervals)
//! is computed at once and answered.
//!
//! The site build (`cargo xtask`, `xtask/src/wasm_build.rs`) compiles it to its own module
//! beside the app's, with a small module script that starts it; the page creates it the first
//! time a simulation is asked for.

use std::cell::Cell;
use std::rc::Rc;
use tokenrisk_core::simulation::job::{decode, encode, Command, Job, Reply};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Starts the worker: listens for commands and says it is ready.
#[wasm_bindgen(start)]
pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return; // loaded outside a worker: nothing to listen to
    };
    let state = Rc::new(State::default());
    let post_scope = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
        match decode::<Command>(&bytes) {
            Ok(Command::Run(request)) => {
                let run = state.current.get().wrapping_add(1);
                state.current.set(run);
                state.cancel.set(false);
                match Job::new(request) {
                    Ok(job) => wasm_bindgen_futures::spawn_local(drive(
                        job,
                        post_scope.clone(),
                        state.clone(),
                        run,
                    )),
                    Err(e) => post(&post_scope, &Reply::Failed(e.to_string())),
                }
            }
            Ok(Command::Cancel) => state.cancel.set(true),
            Ok(Command::Intervals(input)) => {
                post(&post_scope, &Reply::Intervals(input.compute()));
            }
            Err(e) => post(&post_scope, &Reply::Failed(e)),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page keeps it: so does its listener.
    on_message.forget();
    post(&scope, &Reply::Ready);
}

/// Which run is current, and whether it is to stop.
#[derive(Default)]
struct State {
    /// The number of the latest run: an older one stops without a word.
    current: Cell<u64>,
    /// Set by a cancel: the current run reports the paths it ran and stops.
    cancel: Cell<bool>,
}

/// Steps `job` to its end, posting every reply, until it is cancelled (it then reports the
/// paths it ran) or replaced by a newer run (it then stops without a word).
async fn drive(mut job: Job, scope: DedicatedWorkerGlobalScope, state: Rc<State>, run: u64) {
    loop {
        let reply = job.step();
        let finished = matches!(reply, Reply::Finished { .. });
        post(&scope, &reply);
        if finished {
            return;
        }
        // Let the event loop deliver a command before the next step.
        gloo_timers::future::TimeoutFuture::new(0).await;
        if state.current.get() != run {
            return;
        }
        if state.cancel.replace(false) {
            post(&scope, &job.finish());
            return;
        }
    }
}

/// Posts `reply` to the page as bytes.
fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply) {
    let bytes = js_sys::Uint8Array::from(encode(reply).as_slice());
    // Posting bytes to the page that owns the worker does not fail (they clone).
    let _ = scope.post_message(&bytes);
}
