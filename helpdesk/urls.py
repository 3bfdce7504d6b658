from django.urls import path

from helpdesk import absence_views, views

app_name = "helpdesk"

urlpatterns = [
    path("requests/", views.my_requests, name="my_requests"),
    path("orders/<str:number>/contact/", views.contact_seller, name="contact_seller"),
    path("orders/<str:number>/contact/check/", views.contact_check, name="contact_check"),
    path(
        "orders/<str:number>/status-update/", views.order_status_update, name="order_status_update"
    ),
    path("threads/<int:thread_id>/", views.thread_detail, name="thread"),
    path("threads/<int:thread_id>/updates/", views.thread_updates, name="thread_updates"),
    path("threads/<int:thread_id>/older/", views.thread_older, name="thread_older"),
    path("threads/<int:thread_id>/reply/", views.thread_reply, name="reply"),
    path("threads/<int:thread_id>/check/", views.draft_check, name="draft_check"),
    path("threads/<int:thread_id>/note/", views.thread_note, name="note"),
    path(
        "threads/<int:thread_id>/status-update/", views.thread_status_update, name="status_update"
    ),
    path("threads/<int:thread_id>/assign/", views.thread_assign_view, name="assign"),
    path(
        "threads/<int:thread_id>/no-reply-needed/",
        views.thread_no_reply_view,
        name="no_reply_needed",
    ),
    path("threads/<int:thread_id>/close/", views.thread_close_view, name="close"),
    path("threads/<int:thread_id>/reopen/", views.thread_reopen_view, name="reopen"),
    path("threads/<int:thread_id>/escalate/", views.thread_escalate_view, name="escalate"),
    path("threads/<int:thread_id>/rate/", views.thread_rate_view, name="rate"),
    path("attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("seller/inbox/", views.seller_inbox, name="inbox"),
    path("seller/inbox/counts/", views.inbox_counts, name="inbox_counts"),
    path("seller/inbox/bulk/", views.inbox_bulk, name="inbox_bulk"),
    path("seller/saved-replies/", views.saved_replies, name="saved_replies"),
    path(
        "seller/saved-replies/<int:reply_id>/edit/",
        views.saved_reply_edit,
        name="saved_reply_edit",
    ),
    path(
        "seller/saved-replies/<int:reply_id>/move/",
        views.saved_reply_move_view,
        name="saved_reply_move",
    ),
    path(
        "seller/saved-replies/<int:reply_id>/delete/",
        views.saved_reply_delete_view,
        name="saved_reply_delete",
    ),
    path("seller/notifications/", views.notification_settings, name="notification_settings"),
    path("seller/absences/", absence_views.absences, name="absences"),
    path(
        "seller/absences/<int:absence_id>/cancel/",
        absence_views.absence_cancel_view,
        name="absence_cancel",
    ),
]
