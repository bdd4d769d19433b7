//! vitae-render
