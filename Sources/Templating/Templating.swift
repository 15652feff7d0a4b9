// Placeholder: the template engine lands here.
enum TemplatingPlaceholder {}
