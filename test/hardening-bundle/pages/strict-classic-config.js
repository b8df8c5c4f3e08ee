// The classic script's global, used from a separate file as a page under a strict CSP must.
/** @type {any} */ (window).SpacesCallButton.configureSpacesCallButtons({ tokenType: 'bearer', resetDelay: 60000 });
