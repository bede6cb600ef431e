//! The join screen for the projector: the room code and its QR code as large as the screen
//! allows, with the join link, in a modal the facilitator opens from the dashboard (the
//! dashboard's own QR code is sized for a laptop, too small for the back of a room).

use super::modal::Modal;
use super::qr_code::QrCodeView;
use yew::prelude::*;

/// The join screen, open until `on_close`.
pub fn room_join_screen(code: &str, join_link: &AttrValue, on_close: Callback<()>) -> Html {
    html! {
        <Modal title_id="join-screen-title" title="Join this room" class="join-screen" {on_close}>
            <div class="join-screen-body">
                <div class="join-screen-text">
                    <p class="join-screen-how">{ "Scan the code, or open the link and type the room code:" }</p>
                    <p class="join-screen-link">{ join_link.clone() }</p>
                    <p class="room-code join-screen-code" aria-label={format!("Room code {code}")}>{ code.to_string() }</p>
                </div>
                <QrCodeView text={join_link.clone()} label="QR code to open the join link on a phone" />
            </div>
        </Modal>
    }
}
