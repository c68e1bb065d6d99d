//! Keeps a live page up to date: the projector hears of every answer and
//! the phone of every new activity over the session's event stream, and
//! the page's main part is loaded again in place.
//!
//! This is the only part of Voice that runs as WebAssembly (an island):
//! everything else is server-rendered HTML and plain forms, so the code a
//! phone downloads stays small. It fetches the page's own HTML rather than
//! its data, so no page's drawing code has to be compiled for the browser.
//! Without script the pages still work: the phone has a "Check for a new
//! question" link, and the projector can be reloaded.

use crate::components::island_scripts::IslandScripts;
use leptos::prelude::*;

/// Put anywhere on a page whose `<main>` should follow the event stream at
/// `events`. It draws nothing, and brings the scripts that load it.
#[component]
pub fn LiveUpdates(events: String) -> impl IntoView {
    view! {
        <IslandScripts/>
        <FollowEvents events/>
    }
}

/// The island itself: the only code compiled to WebAssembly.
#[island]
fn FollowEvents(events: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    browser::follow(&events);
    #[cfg(not(feature = "hydrate"))]
    let _ = events;
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::document;
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, XmlHttpRequest, XmlHttpRequestResponseType};

    /// The element whose content is replaced (`lib.rs` gives `<main>` this id).
    const MAIN: &str = "main-content";

    /// Opens the stream for as long as the page is open. The server sends
    /// an event on every (re)connection too, so whatever changed while the
    /// connection was down is fetched once it is back.
    pub fn follow(events: &str) {
        let Ok(source) = EventSource::new(events) else {
            return;
        };
        let reloader = Reloader::new();
        let on_message = Closure::<dyn Fn()>::new(move || Reloader::wanted(&reloader));
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // Both live as long as the page: each page load makes one.
        on_message.forget();
        std::mem::forget(source);
    }

    /// One fetch of the page at a time; events that arrive meanwhile ask
    /// for one more fetch after it, however many there were.
    struct Reloader {
        loading: Cell<bool>,
        again: Cell<bool>,
        /// `<main>` as the server last sent it. When a fetch brings the same,
        /// nothing is replaced, so words being typed into a form stay.
        last_served: RefCell<String>,
    }

    impl Reloader {
        fn new() -> Rc<Reloader> {
            let served = main_element().map(|main| main.inner_html());
            Rc::new(Reloader {
                loading: Cell::new(false),
                again: Cell::new(false),
                last_served: RefCell::new(served.unwrap_or_default()),
            })
        }

        fn wanted(this: &Rc<Reloader>) {
            if this.loading.get() {
                this.again.set(true);
            } else {
                Reloader::fetch(this);
            }
        }

        fn fetch(this: &Rc<Reloader>) {
            let Ok(request) = XmlHttpRequest::new() else {
                return;
            };
            let Some(address) = document().location().and_then(|here| here.href().ok()) else {
                return;
            };
            if request.open("GET", &address).is_err() {
                return;
            }
            request.set_response_type(XmlHttpRequestResponseType::Document);
            this.loading.set(true);
            let reloader = Rc::clone(this);
            let answered = request.clone();
            // Freed by the browser once called.
            let on_end = Closure::once_into_js(move || {
                reloader.show(&answered);
                reloader.loading.set(false);
                if reloader.again.replace(false) {
                    Reloader::fetch(&reloader);
                }
            });
            request.set_onloadend(Some(on_end.unchecked_ref()));
            if request.send().is_err() {
                this.loading.set(false);
            }
        }

        /// Puts the fetched page's `<main>` and title in place of this one's.
        fn show(&self, request: &XmlHttpRequest) {
            let Some(fetched) = request.response_xml().ok().flatten() else {
                return;
            };
            let (Some(new_main), Some(main)) = (fetched.get_element_by_id(MAIN), main_element())
            else {
                return;
            };
            let served = new_main.inner_html();
            if *self.last_served.borrow() != served {
                main.set_inner_html(&served);
                document().set_title(&fetched.title());
                self.last_served.replace(served);
            }
        }
    }

    fn main_element() -> Option<web_sys::Element> {
        document().get_element_by_id(MAIN)
    }
}
