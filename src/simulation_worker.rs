//! The page's side of the simulation worker: a long run (the portfolio's Monte Carlo, the
//! token view's resampled intervals) goes to a Web Worker (`crates/tokenrisk-worker`), so the
//! page keeps answering input while it runs, and its replies come back as [`Event`]s.
//!
//! The worker is created for each run and ended with it (or when the [`Run`] is dropped, e.g.
//! the page is left): its module, fetched the first time a simulation is asked for, is then in
//! the browser's cache. Where no worker can start (a build without one, a browser or policy
//! that refuses it, its module failing to load), the same [`Job`] runs on the page's thread
//! in steps, yielding between them, and the run says so ([`Event::OnPage`]).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use tokenrisk_core::simulation::job::{decode, encode, Command, Job, Reply};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The `<meta>` tag holding the worker script's address (written by the site build,
/// `xtask/src/wasm_build.rs`).
const WORKER_META: &str = "meta[name=\"tokenrisk-worker\"]";

/// A handler of the worker's events.
type Handler = Closure<dyn Fn(web_sys::Event)>;

/// What a run reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A reply of the run (progress, interim figures, its end, or why it could not start).
    Reply(Box<Reply>),
    /// No worker could start: the run goes on on the page's thread (why, in words).
    OnPage(String),
}

/// A run under way. Dropping it ends it without a word (the worker is terminated).
pub struct Run {
    shared: Rc<Shared>,
}

/// What a run's callbacks share.
struct Shared {
    worker: RefCell<Option<Worker>>,
    /// The worker's handlers, kept as long as it may call them.
    handlers: RefCell<Vec<Handler>>,
    /// The command, until the worker says it is ready (or the page takes it).
    command: RefCell<Option<Command>>,
    /// The worker said it was ready.
    ready: Cell<bool>,
    /// A cancel asked of a run on the page.
    cancel: Cell<bool>,
    /// The run was dropped: report nothing more.
    ended: Cell<bool>,
    on_event: Box<dyn Fn(Event)>,
}

impl Run {
    /// Starts `command` (a [`Command::Run`] or [`Command::Intervals`]) in a worker (on the
    /// page if none can start); `on_event` gets what it reports, ending with a
    /// [`Reply::Finished`], a [`Reply::Intervals`] or a [`Reply::Failed`].
    pub fn start(command: Command, on_event: impl Fn(Event) + 'static) -> Self {
        let shared = Rc::new(Shared {
            worker: RefCell::new(None),
            handlers: RefCell::new(Vec::new()),
            command: RefCell::new(Some(command)),
            ready: Cell::new(false),
            cancel: Cell::new(false),
            ended: Cell::new(false),
            on_event: Box::new(on_event),
        });
        if let Err(why) = start_worker(&shared) {
            on_page(&shared, why);
        }
        Self { shared }
    }

    /// Asks the run to stop after its current step and report the paths it ran.
    pub fn cancel(&self) {
        match &*self.shared.worker.borrow() {
            Some(worker) => post(worker, &Command::Cancel),
            None => self.shared.cancel.set(true),
        }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        self.shared.ended.set(true);
        stop_worker(&self.shared);
    }
}

/// The worker script's address, from the page.
fn worker_url() -> Result<String, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(WORKER_META).ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .ok_or_else(|| "this build of the site has no simulation worker".to_owned())
}

/// Creates the worker and its handlers; the command goes once it says it is ready.
fn start_worker(shared: &Rc<Shared>) -> Result<(), String> {
    let url = worker_url()?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url, &options)
        .map_err(|e| format!("the browser refused the worker ({e:?})"))?;
    let weak = Rc::downgrade(shared);
    let on_message = Handler::new(move |event: web_sys::Event| {
        if let (Some(shared), Ok(event)) = (weak.upgrade(), event.dyn_into::<MessageEvent>()) {
            let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
            from_worker(&shared, decode::<Reply>(&bytes));
        }
    });
    let weak: Weak<Shared> = Rc::downgrade(shared);
    let on_error = Handler::new(move |event: web_sys::Event| {
        let Some(shared) = weak.upgrade() else { return };
        event.prevent_default(); // reported here, not as an uncaught error
        let what = event
            .dyn_ref::<ErrorEvent>()
            .map(ErrorEvent::message)
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "its module did not load".to_owned());
        stop_worker(&shared);
        if shared.ready.get() {
            report(
                &shared,
                Reply::Failed(format!("the simulation worker stopped ({what})")),
            );
        } else {
            on_page(&shared, format!("the worker did not start ({what})"));
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    shared.handlers.borrow_mut().extend([on_message, on_error]);
    *shared.worker.borrow_mut() = Some(worker);
    Ok(())
}

/// A message from the worker: `Ready` sends the command; the rest is reported.
fn from_worker(shared: &Rc<Shared>, reply: Result<Reply, String>) {
    match reply {
        Ok(Reply::Ready) => {
            shared.ready.set(true);
            let command = shared.command.borrow_mut().take();
            if let (Some(command), Some(worker)) = (command, &*shared.worker.borrow()) {
                post(worker, &command);
            }
        }
        Ok(reply) => {
            let over = matches!(
                reply,
                Reply::Finished { .. } | Reply::Failed(_) | Reply::Intervals(_)
            );
            if over {
                stop_worker(shared);
            }
            report(shared, reply);
        }
        Err(e) => {
            stop_worker(shared);
            report(shared, Reply::Failed(e));
        }
    }
}

/// Terminates the worker, if any (its handlers stay until the run is dropped: one of them
/// may be the caller).
fn stop_worker(shared: &Shared) {
    if let Some(worker) = shared.worker.borrow_mut().take() {
        worker.set_onmessage(None);
        worker.set_onerror(None);
        worker.terminate();
    }
}

/// Reports `reply` unless the run was dropped.
fn report(shared: &Shared, reply: Reply) {
    if !shared.ended.get() {
        (shared.on_event)(Event::Reply(Box::new(reply)));
    }
}

/// Runs the command on the page's thread: a run one step at a time, yielding between steps;
/// intervals at once.
fn on_page(shared: &Rc<Shared>, why: String) {
    let Some(command) = shared.command.borrow_mut().take() else {
        return;
    };
    if !shared.ended.get() {
        (shared.on_event)(Event::OnPage(why));
    }
    let request = match command {
        Command::Run(request) => request,
        Command::Intervals(input) => return report(shared, Reply::Intervals(input.compute())),
        Command::Cancel => return,
    };
    let mut job = match Job::new(request) {
        Ok(job) => job,
        Err(e) => return report(shared, Reply::Failed(e.to_string())),
    };
    let weak = Rc::downgrade(shared);
    leptos::task::spawn_local(async move {
        loop {
            let Some(shared) = weak.upgrade().filter(|s| !s.ended.get()) else {
                return;
            };
            let reply = if shared.cancel.get() {
                job.finish()
            } else {
                job.step()
            };
            let over = matches!(reply, Reply::Finished { .. });
            report(&shared, reply);
            if over {
                return;
            }
            drop(shared);
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
    });
}

/// Posts `command` to `worker` as bytes.
fn post(worker: &Worker, command: &Command) {
    let bytes = js_sys::Uint8Array::from(encode(command).as_slice());
    // Posting bytes to a worker this page created does not fail (they are cloned).
    let _ = worker.post_message(&bytes);
}
