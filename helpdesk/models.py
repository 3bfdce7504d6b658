# Conversations arrive with the helpdesk issue; the app exists so its migrations have a home.
