//! One CSV of LinkedIn's export, read as the file the first byte selects: the CSV readers see
//! every shape of quoting and header without a ZIP around them (the `import` target covers
//! the ZIP).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&which, csv)) = data.split_first() else {
        return;
    };
    let files = vitae_import::linkedin::FILES;
    let name = files[usize::from(which) % files.len()];
    let _ = vitae_import::export(&[(name.to_owned(), csv.to_vec())]);
});
