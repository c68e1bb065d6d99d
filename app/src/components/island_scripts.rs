//! The scripts that load the WebAssembly and hydrate a page's islands.
//!
//! Only a page with an island carries them (the live phone and the
//! projector, through `LiveUpdates`): every other page is whole as HTML and
//! loads no WebAssembly at all.

use leptos::prelude::*;

/// Put once on a page that has an island.
#[component]
pub fn IslandScripts() -> impl IntoView {
    // The options carry the bundle's hashed name (server/src/site_files.rs).
    #[cfg(feature = "ssr")]
    let options = use_context::<crate::state::AppState>().map(|state| state.leptos_options);
    // Islands are drawn on the server too; the browser never draws this.
    #[cfg(not(feature = "ssr"))]
    let options: Option<LeptosOptions> = None;
    options.map(|options| view! { <HydrationScripts options islands=true/> })
}
