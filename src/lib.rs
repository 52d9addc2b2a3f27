//! Token Risk Lab, the web app.
