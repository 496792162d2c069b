//! The documents an application carries and the files that hold them.

use crate::{DocumentKind, ErrorCode};

/// The documents an application must carry (seed 001, «Документы»); the ПМПК conclusion only
/// for a child with special educational needs.
pub fn required_documents(special_needs: bool) -> Vec<DocumentKind> {
    let mut kinds = vec![
        DocumentKind::Photo,
        DocumentKind::VaccinationCard,
        DocumentKind::HealthPassport,
    ];
    if special_needs {
        kinds.push(DocumentKind::PmpkConclusion);
    }
    kinds
}

/// The required documents not among `given`, in the order of [`required_documents`].
pub fn missing_documents(special_needs: bool, given: &[DocumentKind]) -> Vec<DocumentKind> {
    required_documents(special_needs)
        .into_iter()
        .filter(|kind| !given.contains(kind))
        .collect()
}

/// The largest file accepted: 5 MB.
pub const MAX_FILE_SIZE: u64 = 5 * 1024 * 1024;

/// PDF, JPEG and PNG only.
pub const ALLOWED_CONTENT_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

/// The file picker's `accept` attribute for [`ALLOWED_CONTENT_TYPES`] (with the extensions,
/// for systems that do not map types to files).
pub const ACCEPTED_FILES_ATTRIBUTE: &str =
    "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png";

/// Checks a file the client announces before uploading it. The content type is compared
/// without case and without parameters (`image/png; q=1` is PNG).
pub fn check_file(content_type: &str, size: u64) -> Result<(), ErrorCode> {
    if size == 0 {
        return Err(ErrorCode::ValidationFailed);
    }
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if !ALLOWED_CONTENT_TYPES
        .iter()
        .any(|allowed| allowed.eq_ignore_ascii_case(essence))
    {
        return Err(ErrorCode::FileTypeNotAllowed);
    }
    if size > MAX_FILE_SIZE {
        return Err(ErrorCode::FileTooLarge);
    }
    Ok(())
}

/// Whether a file's bytes are of the type it was declared as, by their first bytes (PDF
/// `%PDF-`, JPEG `FF D8 FF`, PNG's eight-byte signature): a PNG declared as PDF is refused, so
/// what staff open is what the parent said it is. The type is read as in [`check_file`].
pub fn check_content(content_type: &str, bytes: &[u8]) -> Result<(), ErrorCode> {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    let magic: &[u8] = match essence.to_ascii_lowercase().as_str() {
        "application/pdf" => b"%PDF-",
        "image/jpeg" => &[0xFF, 0xD8, 0xFF],
        "image/png" => &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
        _ => return Err(ErrorCode::FileTypeNotAllowed),
    };
    if bytes.starts_with(magic) {
        Ok(())
    } else {
        Err(ErrorCode::FileTypeMismatch)
    }
}

/// The pages a document adds to the application (seed 003's «Количество страниц прилагаемых
/// документов»): a photo or a scan is one page; a PDF counts its page objects (`/Type /Page`,
/// not `/Pages`). A PDF whose objects are compressed shows none and counts as one page.
pub fn page_count(content_type: &str, bytes: &[u8]) -> u32 {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("application/pdf") {
        return 1;
    }
    let mut pages = 0u32;
    let mut rest = bytes;
    while let Some(i) = find(rest, b"/Type") {
        rest = &rest[i + 5..];
        let value = rest.trim_ascii_start();
        if let Some(after) = value.strip_prefix(b"/Page")
            && !after.first().is_some_and(|c| c.is_ascii_alphanumeric())
        {
            pages += 1;
        }
    }
    pages.max(1)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pages_of_a_pdf_and_of_an_image() {
        let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n\
            2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>\n\
            3 0 obj << /Type /Page >>\n4 0 obj <</Type/Page/Parent 2 0 R>>\n\
            5 0 obj << /Type\n/Page >>\n6 0 obj << /Type /PageLabel >>";
        assert_eq!(page_count("application/pdf", pdf), 3);
        assert_eq!(page_count("application/pdf", b"%PDF-1.7 compressed"), 1);
        assert_eq!(page_count("image/jpeg", &[0xFF, 0xD8, 0xFF]), 1);
    }

    #[test]
    fn documents() {
        use DocumentKind::*;
        assert_eq!(
            required_documents(false),
            [Photo, VaccinationCard, HealthPassport]
        );
        assert_eq!(
            required_documents(true),
            [Photo, VaccinationCard, HealthPassport, PmpkConclusion]
        );
        assert_eq!(
            missing_documents(false, &[HealthPassport, Photo]),
            [VaccinationCard]
        );
        assert_eq!(missing_documents(true, &[]), required_documents(true));
        assert!(
            missing_documents(false, &[Photo, Photo, VaccinationCard, HealthPassport]).is_empty()
        );
        assert_eq!(
            missing_documents(true, &[Photo, VaccinationCard, HealthPassport]),
            [PmpkConclusion]
        );
        // An extra ПМПК conclusion without special needs is harmless.
        assert!(missing_documents(false, &DocumentKind::ALL).is_empty());
    }

    #[test]
    fn files() {
        assert_eq!(check_file("application/pdf", 1), Ok(()));
        assert_eq!(check_file("image/jpeg", MAX_FILE_SIZE), Ok(()));
        assert_eq!(check_file("IMAGE/PNG; charset=binary", 100), Ok(()));
        assert_eq!(check_file("image/png", 0), Err(ErrorCode::ValidationFailed));
        assert_eq!(
            check_file("image/png", MAX_FILE_SIZE + 1),
            Err(ErrorCode::FileTooLarge)
        );
        assert_eq!(
            check_file("image/gif", 100),
            Err(ErrorCode::FileTypeNotAllowed)
        );
        assert_eq!(check_file("", 100), Err(ErrorCode::FileTypeNotAllowed));
        assert_eq!(
            check_file("application/pdfx", 100),
            Err(ErrorCode::FileTypeNotAllowed)
        );
        assert_eq!(MAX_FILE_SIZE, 5_242_880);
    }

    #[test]
    fn content_must_match_the_declared_type() {
        const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'];
        const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3";
        assert_eq!(check_content("application/pdf", PDF), Ok(()));
        assert_eq!(check_content("image/jpeg", JPEG), Ok(()));
        assert_eq!(check_content("IMAGE/PNG; q=1", PNG), Ok(()));
        let mismatch = Err(ErrorCode::FileTypeMismatch);
        assert_eq!(check_content("application/pdf", PNG), mismatch);
        assert_eq!(check_content("image/png", JPEG), mismatch);
        assert_eq!(check_content("image/jpeg", PDF), mismatch);
        // Too short to hold the signature, or empty.
        assert_eq!(check_content("image/png", &PNG[..7]), mismatch);
        assert_eq!(check_content("application/pdf", b"%PDF"), mismatch);
        assert_eq!(check_content("image/jpeg", b""), mismatch);
        // Text that merely names the type is not one.
        assert_eq!(check_content("application/pdf", b" %PDF-1.4"), mismatch);
        assert_eq!(
            check_content("image/gif", b"GIF89a"),
            Err(ErrorCode::FileTypeNotAllowed)
        );
    }

    proptest! {

        #[test]
        fn check_file_never_panics(ct in ".*", size in any::<u64>()) {
            let _ = check_file(&ct, size);
        }

        #[test]
        fn check_content_never_panics(ct in ".*", bytes in proptest::collection::vec(any::<u8>(), 0..16)) {
            let _ = check_content(&ct, &bytes);
        }
    }
}
